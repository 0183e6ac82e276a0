//! The splitter's rules, one phenomenon per test, each with the side where
//! a sentence ends and the side where it does not. The passages are written
//! for these tests.

use super::*;

fn sentences_of(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|range| &text[range]).collect()
}

#[track_caller]
fn assert_sentences(text: &str, expected: &[&str]) {
    assert_eq!(sentences_of(text), expected, "input: {text:?}");
}

#[track_caller]
fn assert_one_sentence(text: &str) {
    assert_sentences(text, &[text.trim()]);
}

// Terminal marks

#[test]
fn period_ends_a_sentence() {
    assert_sentences(
        "وصل الوزير إلى بغداد صباح اليوم. والتقى رئيس الحكومة في مكتبه.",
        &[
            "وصل الوزير إلى بغداد صباح اليوم.",
            "والتقى رئيس الحكومة في مكتبه.",
        ],
    );
}

#[test]
fn arabic_and_latin_question_marks_end_sentences() {
    assert_sentences(
        "هل تنجح الوساطة؟ يرى مراقبون أن فرصها ضئيلة. هل سيحضر الوزير? لم يتأكد ذلك.",
        &[
            "هل تنجح الوساطة؟",
            "يرى مراقبون أن فرصها ضئيلة.",
            "هل سيحضر الوزير?",
            "لم يتأكد ذلك.",
        ],
    );
}

#[test]
fn runs_of_marks_end_once() {
    assert_sentences(
        "أحقاً انسحبوا؟! لا أحد يصدق ذلك!!! سنرى ما يحدث غداً...",
        &["أحقاً انسحبوا؟!", "لا أحد يصدق ذلك!!!", "سنرى ما يحدث غداً..."],
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_sentences(
        "وختم كلمته بعبارة «سننتصر في النهاية». وصفق الحاضرون طويلاً.",
        &[
            "وختم كلمته بعبارة «سننتصر في النهاية».",
            "وصفق الحاضرون طويلاً.",
        ],
    );
    assert_sentences(
        "قال رئيس النقابة: «لن نتراجع عن مطالبنا.» وأكد أن الإضراب مستمر.",
        &[
            "قال رئيس النقابة: «لن نتراجع عن مطالبنا.»",
            "وأكد أن الإضراب مستمر.",
        ],
    );
}

#[test]
fn spaced_marks_end_sentences() {
    assert_sentences(
        "هبطت الطائرة في المطار . ونزل الركاب بسلام .",
        &["هبطت الطائرة في المطار .", "ونزل الركاب بسلام ."],
    );
}

#[test]
fn missing_space_after_a_mark_is_still_a_boundary() {
    assert_sentences(
        "وقع الطرفان الاتفاق.وأعلن الوسيط موعد التنفيذ.",
        &["وقع الطرفان الاتفاق.", "وأعلن الوسيط موعد التنفيذ."],
    );
    assert_sentences(
        "هل انسحبت القوات؟الجواب لا.",
        &["هل انسحبت القوات؟", "الجواب لا."],
    );
    assert_sentences(
        "ارتفع عدد الزوار في 2023.وتتوقع الوزارة المزيد.",
        &["ارتفع عدد الزوار في 2023.", "وتتوقع الوزارة المزيد."],
    );
}

// Never boundaries

#[test]
fn commas_semicolons_and_colons_do_not_end_sentences() {
    assert_one_sentence(
        "قال الوزير، في مؤتمر صحفي؛ إن الحكومة: ماضية في خطتها, رغم كل شيء; دون تردد.",
    );
}

#[test]
fn numbers_with_periods_are_not_boundaries() {
    assert_one_sentence("نما الاقتصاد بنسبة 3.5 في المئة مقابل ٣٫٥ و٢.٧ في العام الماضي.");
    assert_one_sentence("يبدأ الاجتماع في الساعة 10.30 صباحاً ويستمر حتى الظهر.");
    assert_one_sentence("وقعت الحادثة في 18.3.2015 قرب الحدود الشمالية.");
    assert_one_sentence("للاستفسار اتصلوا بالرقم 800.123.4567 على مدار الساعة.");
    assert_one_sentence("بلغ عدد السكان 1.5 مليون نسمة في 21/6/2003 وفق الإحصاء.");
}

#[test]
fn a_number_can_end_a_sentence() {
    assert_sentences(
        "بلغ عدد الضحايا 25. وقال مسؤول إن العدد قد يرتفع.",
        &["بلغ عدد الضحايا 25.", "وقال مسؤول إن العدد قد يرتفع."],
    );
}

#[test]
fn addresses_are_not_boundaries() {
    assert_one_sentence(
        "للمزيد زوروا www.example.org/news?id=12 أو https://example.com/ar/index.html اليوم.",
    );
    assert_one_sentence("يمكن التواصل عبر البريد info.desk@example.org للاستفسار عن التفاصيل.");
}

#[test]
fn a_sentence_can_end_with_an_address() {
    assert_sentences(
        "التفاصيل على الموقع example.com. وسيتم تحديثه يومياً.",
        &["التفاصيل على الموقع example.com.", "وسيتم تحديثه يومياً."],
    );
    assert_sentences(
        "راسلونا على press@example.org. وسنرد خلال يومين.",
        &["راسلونا على press@example.org.", "وسنرد خلال يومين."],
    );
}

#[test]
fn list_numbers_at_line_start_are_not_boundaries() {
    assert_sentences(
        "1. تعزيز الأمن في الحدود\n2. دعم صغار المزارعين\n١. توسيع شبكة الكهرباء\n3- بناء مدارس جديدة",
        &[
            "1. تعزيز الأمن في الحدود",
            "2. دعم صغار المزارعين",
            "١. توسيع شبكة الكهرباء",
            "3- بناء مدارس جديدة",
        ],
    );
}

// Abbreviations and initials

#[test]
fn titles_before_names_are_not_boundaries() {
    assert_one_sentence("قال د. سمير حداد إن العلاج متوفر في المستشفيات الحكومية.");
    assert_one_sentence("ألقت أ.د. منى الشريف محاضرة عن تغير المناخ.");
    assert_one_sentence("أشرف م. خالد يوسف على تنفيذ المشروع.");
    assert_one_sentence("استقبل د. وليد منصور الوفد في مكتبه.");
    assert_one_sentence("قال د.سمير حداد إن النتائج مشجعة.");
}

#[test]
fn arabic_initials_are_not_boundaries() {
    assert_one_sentence("اتخذ الرئيس هاري س. ترومان القرار بعد تردد طويل.");
    assert_one_sentence("نقل الخبر مراسلنا ع. الحسيني من عين المكان.");
}

#[test]
fn latin_abbreviations_and_initials_are_not_boundaries() {
    assert_one_sentence("قال Dr. Smith إن النتائج مطمئنة.");
    assert_one_sentence("أعلنت شركة Apple Inc. عن هاتف جديد.");
    assert_one_sentence("ألقى Martin Luther King Jr. خطابه الشهير في واشنطن.");
    assert_one_sentence("أكد متحدث باسم U.S. Army أن القوات ستبقى.");
    assert_one_sentence("صدرت رواية جديدة للكاتبة J. K. Rowling هذا الشهر.");
}

#[test]
fn era_and_reference_abbreviations_are_not_boundaries() {
    assert_one_sentence("شيد المعبد في القرن الثالث ق.م. على ضفاف النهر.");
    assert_one_sentence("توفي الفقيه عام 505 هـ. بعد مرض طويل.");
    assert_one_sentence("ولد الشاعر عام 1890 م. في قرية صغيرة قرب حلب.");
    assert_one_sentence("ابن خلدون (ت. 808 هـ) مؤرخ وعالم اجتماع.");
    assert_one_sentence("انظر: تاريخ المدينة، ج. 3، ص. 45 وما بعدها.");
    assert_one_sentence("ترسل الطلبات إلى ص.ب. 1234 في عمّان.");
    assert_one_sentence("ذكرت وكالة أ.ف.ب. أن الاجتماع تأجل.");
}

#[test]
fn era_abbreviation_glued_to_the_year_can_end_a_sentence() {
    assert_sentences(
        "وُلد عام 1950م. وتوفي عام 2010م.",
        &["وُلد عام 1950م.", "وتوفي عام 2010م."],
    );
    assert_sentences(
        "عاش في القرن الخامس ق. م. وترك مؤلفات كثيرة.",
        &["عاش في القرن الخامس ق. م.", "وترك مؤلفات كثيرة."],
    );
    assert_one_sentence("تأسست الجامعة عام 1908 م، وهي من أقدم الجامعات.");
    // Whatever word opens the next sentence, a verb without a conjunction too.
    assert_sentences(
        "حاز جائزة نوبل في الآداب عام 1988م. ولد في القاهرة ودرس الفلسفة.",
        &[
            "حاز جائزة نوبل في الآداب عام 1988م.",
            "ولد في القاهرة ودرس الفلسفة.",
        ],
    );
    assert_sentences(
        "بني المسجد سنة ١٤١٠هـ. تبلغ مساحته ألفي متر.",
        &["بني المسجد سنة ١٤١٠هـ.", "تبلغ مساحته ألفي متر."],
    );
    // A preposition or a relative pronoun carries the sentence on.
    assert_one_sentence("انتقل إلى باريس عام 1950م. في رحلة طويلة مع أسرته.");
    assert_one_sentence("صدر الكتاب عام 1410هـ. الذي شهد وفاة مؤلفه.");
}

#[test]
fn an_abbreviation_can_end_a_sentence() {
    assert_sentences(
        "بنيت القلعة سنة 567 هـ. ويقصدها السياح اليوم من كل مكان.",
        &[
            "بنيت القلعة سنة 567 هـ.",
            "ويقصدها السياح اليوم من كل مكان.",
        ],
    );
    assert_sentences(
        "توفي المؤرخ سنة 1950 م. وكان قد ألف عشرات الكتب.",
        &["توفي المؤرخ سنة 1950 م.", "وكان قد ألف عشرات الكتب."],
    );
    assert_sentences(
        "شيد المعبد في القرن الثالث ق.م. وتشير النقوش إلى ملك محلي.",
        &[
            "شيد المعبد في القرن الثالث ق.م.",
            "وتشير النقوش إلى ملك محلي.",
        ],
    );
    assert_sentences(
        "نقلت الخبر وكالة أ.ف.ب. وأفاد مراسلها بسقوط قتلى.",
        &["نقلت الخبر وكالة أ.ف.ب.", "وأفاد مراسلها بسقوط قتلى."],
    );
    assert_sentences(
        "وزعت الوزارة الكتب والأقلام والدفاتر إلخ. ويحصل كل طالب على حقيبة.",
        &[
            "وزعت الوزارة الكتب والأقلام والدفاتر إلخ.",
            "ويحصل كل طالب على حقيبة.",
        ],
    );
    assert_sentences(
        "تأسست شركة Acme Ltd. وتعمل اليوم في مجال الطاقة.",
        &["تأسست شركة Acme Ltd.", "وتعمل اليوم في مجال الطاقة."],
    );
    assert_sentences(
        "The deal was signed in the U.S. The talks resume soon.",
        &["The deal was signed in the U.S.", "The talks resume soon."],
    );
}

// Quotations

#[test]
fn question_inside_an_embedded_quotation_does_not_end_the_sentence() {
    assert_one_sentence("صاح أحد المحتجين «إلى أين نذهب؟» قبل أن تفرقهم الشرطة.");
    assert_one_sentence("صدر كتاب «هل ينتهي عصر النفط؟» بترجمة جديدة هذا العام.");
    assert_one_sentence("صرخ الرجل \"أنقذونا!\" وهو يلوح بيديه من النافذة.");
    assert_one_sentence("«متى تعود الكهرباء؟» تساءل أحد السكان بغضب.");
    assert_one_sentence("تساءل الكاتب في مقاله «إلى أين تتجه المنطقة؟» وقدم قراءة متشائمة.");
    assert_one_sentence("«ماذا نفعل الآن؟» «إلى أين نذهب؟» أسئلة يرددها النازحون كل يوم.");
}

#[test]
fn quotation_that_ends_the_sentence_ends_it_after_the_closing_mark() {
    assert_sentences(
        "وتساءل النائب: «من يتحمل المسؤولية؟» وطالب بفتح تحقيق عاجل.",
        &[
            "وتساءل النائب: «من يتحمل المسؤولية؟»",
            "وطالب بفتح تحقيق عاجل.",
        ],
    );
    assert_sentences(
        "قال الوزير: \"سنعيد بناء المدينة.\" وأضاف أن العمل يبدأ قريباً.",
        &[
            "قال الوزير: \"سنعيد بناء المدينة.\"",
            "وأضاف أن العمل يبدأ قريباً.",
        ],
    );
    assert_sentences(
        "كتب على اللافتة «لا للحرب!». ثم مضى في طريقه.",
        &["كتب على اللافتة «لا للحرب!».", "ثم مضى في طريقه."],
    );
}

#[test]
fn attribution_after_a_quotation_belongs_to_it() {
    assert_one_sentence("«الوضع تحت السيطرة.» قال المتحدث للصحفيين مساء أمس.");
    assert_one_sentence("\"كنا ننتظر منذ الصباح...\" قال الرجل وهو يمسح جبينه.");
    assert_one_sentence("«هل هذه نهاية الأزمة؟»، تساءل المحلل.");
}

#[test]
fn narrative_after_a_quoted_question_goes_on() {
    assert_one_sentence("قال لي: \"هل أنت بخير؟\" فأجبته بنعم.");
    assert_one_sentence("قال إنه حصل على 90 (؟) صوتاً في الجولة الأولى.");
}

#[test]
fn reversed_guillemets_are_quotation_marks() {
    assert_sentences(
        "قال مصدر مطلع لـ »الحياة« إن المفاوضات توقفت. وأضاف أن الوفد غادر.",
        &[
            "قال مصدر مطلع لـ »الحياة« إن المفاوضات توقفت.",
            "وأضاف أن الوفد غادر.",
        ],
    );
    assert_one_sentence(
        "وصف النائب الخطة بأنها »خطوة إلى الوراء... وتهديد للاستقرار« أمام البرلمان.",
    );
}

// Ellipsis

#[test]
fn ellipsis_before_a_new_sentence_ends_it() {
    assert_sentences(
        "كان الانتظار طويلاً... الناس يقفون في الطوابير منذ الفجر.",
        &["كان الانتظار طويلاً...", "الناس يقفون في الطوابير منذ الفجر."],
    );
    assert_sentences(
        "كان المشهد قاسياً… بيوت مهدمة وشوارع خالية.",
        &["كان المشهد قاسياً…", "بيوت مهدمة وشوارع خالية."],
    );
}

#[test]
fn ellipsis_inside_a_sentence_does_not_end_it() {
    assert_one_sentence("انتظرنا ساعات… ثم أياماً دون أن يصل أحد.");
    assert_one_sentence("اشترينا الخبز والجبن والزيتون... إلخ.");
    assert_one_sentence("قال: \"كنا ننتظر... لكن أحداً لم يأت\" ثم سكت.");
    assert_one_sentence("\"... ولم يبق في القرية أحد\" بهذه الكلمات بدأ الراوي.");
    assert_one_sentence("قال الشاعر: يا ليل الصب متى غده ... أقيام الساعة موعده");
    assert_one_sentence("انتظرنا... 10 ساعات كاملة قبل أن تصل المساعدات.");
}

// Parentheses

#[test]
fn a_sentence_in_parentheses_is_its_own_sentence() {
    assert_sentences(
        "انتهت المباراة بالتعادل. (وكان الفريقان قد تعادلا في الذهاب أيضاً.) وسيلتقيان مجدداً في الربيع.",
        &[
            "انتهت المباراة بالتعادل.",
            "(وكان الفريقان قد تعادلا في الذهاب أيضاً.)",
            "وسيلتقيان مجدداً في الربيع.",
        ],
    );
}

#[test]
fn periods_inside_a_parenthesis_within_a_sentence_are_not_boundaries() {
    assert_one_sentence(
        "أشار التقرير (وهو متاح على موقع الوزارة. ويقع في 40 صفحة) إلى تراجع الصادرات.",
    );
    assert_one_sentence("أعلن النادي (الذي تأسس عام 1920 م. في الإسكندرية) اسم مدربه الجديد.");
}

// Datelines and agency credits

#[test]
fn datelines_and_credits_belong_to_the_first_sentence() {
    assert_sentences(
        "موسكو - (أ ف ب): قال وزير الخارجية إن بلاده لن تشارك. وأضاف أن القرار نهائي.",
        &[
            "موسكو - (أ ف ب): قال وزير الخارجية إن بلاده لن تشارك.",
            "وأضاف أن القرار نهائي.",
        ],
    );
    assert_one_sentence("القاهرة (رويترز) - أعلنت الحكومة خطة لخفض الدعم.");
    assert_one_sentence("بيروت – «المدينة»: عقد البرلمان جلسة طارئة أمس.");
    assert_one_sentence("باريس (أ.ف.ب.) - قال الرئيس الفرنسي إن بلاده مستعدة للوساطة.");
    assert_one_sentence("عمّان - بترا - افتتح وزير التربية مدرسة جديدة.");
}

// Layout: headlines, bylines, lists, blank lines, hard wraps

#[test]
fn headline_and_byline_are_units_of_their_own() {
    assert_sentences(
        "الحكومة تقر موازنة العام الجديد\nكتب: سامي العلي\nأقرت الحكومة في جلستها الأسبوعية أمس مشروع موازنة العام المقبل بعجز أقل من المتوقع. وقال وزير المالية إن الإيرادات سترتفع.",
        &[
            "الحكومة تقر موازنة العام الجديد",
            "كتب: سامي العلي",
            "أقرت الحكومة في جلستها الأسبوعية أمس مشروع موازنة العام المقبل بعجز أقل من المتوقع.",
            "وقال وزير المالية إن الإيرادات سترتفع.",
        ],
    );
}

#[test]
fn name_and_dateline_lines_are_units_of_their_own() {
    assert_sentences(
        "ارتفاع أسعار القمح في الأسواق المحلية للشهر الثالث\nرنا الخطيب\nالرباط 5 مارس\nارتفعت أسعار القمح في الأسواق المحلية بنسبة عشرة في المئة خلال الشهر الماضي.",
        &[
            "ارتفاع أسعار القمح في الأسواق المحلية للشهر الثالث",
            "رنا الخطيب",
            "الرباط 5 مارس",
            "ارتفعت أسعار القمح في الأسواق المحلية بنسبة عشرة في المئة خلال الشهر الماضي.",
        ],
    );
}

#[test]
fn subheading_between_paragraphs_is_a_unit() {
    assert_sentences(
        "انتهى الاجتماع الأول دون نتائج تذكر بعد ساعات من النقاش بين الوفود المشاركة.\nردود فعل دولية\nرحبت عواصم عدة بالمبادرة ودعت الأطراف إلى مواصلة الحوار دون شروط مسبقة.",
        &[
            "انتهى الاجتماع الأول دون نتائج تذكر بعد ساعات من النقاش بين الوفود المشاركة.",
            "ردود فعل دولية",
            "رحبت عواصم عدة بالمبادرة ودعت الأطراف إلى مواصلة الحوار دون شروط مسبقة.",
        ],
    );
}

#[test]
fn list_intro_and_bullets_are_units() {
    assert_sentences(
        "وتشمل الخطة:\n- بناء ثلاث مدارس جديدة\n- توسيع المستشفى المركزي\n• تعبيد طرق القرى\nوتبلغ كلفتها الإجمالية مليون دينار.",
        &[
            "وتشمل الخطة:",
            "- بناء ثلاث مدارس جديدة",
            "- توسيع المستشفى المركزي",
            "• تعبيد طرق القرى",
            "وتبلغ كلفتها الإجمالية مليون دينار.",
        ],
    );
}

#[test]
fn list_items_without_bullets_are_units() {
    assert_sentences(
        "وفيما يلي أسماء الفائزين:\nسارة أحمد\nيوسف كمال\nأولاً: تحسين الخدمات العامة في المدن\nثانياً: دعم المشاريع الصغيرة والمتوسطة\n(أ) النقل العام\n(ب) المياه",
        &[
            "وفيما يلي أسماء الفائزين:",
            "سارة أحمد",
            "يوسف كمال",
            "أولاً: تحسين الخدمات العامة في المدن",
            "ثانياً: دعم المشاريع الصغيرة والمتوسطة",
            "(أ) النقل العام",
            "(ب) المياه",
        ],
    );
}

#[test]
fn parallel_list_lines_are_units() {
    assert_sentences(
        "السيد كريم العبدالله - وزيراً للنقل والمواصلات العامة\nالسيدة هدى المصري - وزيرة للثقافة والسياحة والآثار\nالسيد فادي الحلبي - وزيراً للزراعة والري والثروة",
        &[
            "السيد كريم العبدالله - وزيراً للنقل والمواصلات العامة",
            "السيدة هدى المصري - وزيرة للثقافة والسياحة والآثار",
            "السيد فادي الحلبي - وزيراً للزراعة والري والثروة",
        ],
    );
}

#[test]
fn interview_turns_are_units() {
    assert_sentences(
        "س: متى تبدأ الانتخابات؟\nج: في الخريف المقبل على الأرجح\nس: وهل ستشارك المعارضة فيها؟\nج: لم تحسم موقفها بعد",
        &[
            "س: متى تبدأ الانتخابات؟",
            "ج: في الخريف المقبل على الأرجح",
            "س: وهل ستشارك المعارضة فيها؟",
            "ج: لم تحسم موقفها بعد",
        ],
    );
}

#[test]
fn blank_line_ends_a_unit() {
    assert_sentences(
        "فقرة أولى تنتهي بلا نقطة وتمتد على سطر طويل بما يكفي لتبدو كنص ملفوف\n\nفقرة ثانية",
        &[
            "فقرة أولى تنتهي بلا نقطة وتمتد على سطر طويل بما يكفي لتبدو كنص ملفوف",
            "فقرة ثانية",
        ],
    );
}

#[test]
fn hard_wrapped_lines_are_one_sentence() {
    let text = "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\n\
                مستعدة للحوار مع جميع الأطراف من أجل التوصل إلى حل سياسي شامل\n\
                للأزمة. وأضاف أن المفاوضات ستستأنف الأسبوع المقبل في جنيف.";
    assert_sentences(
        text,
        &[
            "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\n\
             مستعدة للحوار مع جميع الأطراف من أجل التوصل إلى حل سياسي شامل\n\
             للأزمة.",
            "وأضاف أن المفاوضات ستستأنف الأسبوع المقبل في جنيف.",
        ],
    );
}

#[test]
fn line_ending_in_a_function_word_or_comma_goes_on() {
    assert_one_sentence("وصل الوفد إلى\nالعاصمة مساء أمس.");
    assert_one_sentence(
        "قال المتحدث باسم الحكومة في مؤتمر صحفي عقده بعد الاجتماع،\nإن الأسعار ستنخفض.",
    );
    assert_one_sentence("أعلنت الشركة أن\nأرباحها تضاعفت.");
}

#[test]
fn headline_above_a_hard_wrapped_paragraph_is_a_unit() {
    assert_sentences(
        "أمطار غزيرة تغمر شوارع المدينة\n\
         غمرت أمطار غزيرة شوارع المدينة الساحلية مساء الأحد وأدت إلى\n\
         تعطل حركة السير في عدد من الأحياء وانقطاع التيار الكهربائي عن\n\
         مئات المنازل.",
        &[
            "أمطار غزيرة تغمر شوارع المدينة",
            "غمرت أمطار غزيرة شوارع المدينة الساحلية مساء الأحد وأدت إلى\n\
             تعطل حركة السير في عدد من الأحياء وانقطاع التيار الكهربائي عن\n\
             مئات المنازل.",
        ],
    );
}

#[test]
fn hard_wrap_after_an_abbreviation_or_embedded_quotation_goes_on() {
    assert_one_sentence(
        "وفي مقابلة مع التلفزيون الرسمي أمس الثلاثاء قال الباحث د.\nسمير حداد إن العلاج متوفر.",
    );
    assert_one_sentence(
        "وفي ساحة الاعتصام صاح أحد المحتجين بأعلى صوته «إلى أين نذهب؟»\nقبل أن تفرقهم الشرطة بالقوة.",
    );
}

#[test]
fn carriage_returns_are_line_breaks() {
    assert_sentences(
        "عنوان الخبر\r\nوصل الوفد أمس.\rوبدأت المحادثات.\r\n\r\nفقرة أخرى",
        &[
            "عنوان الخبر",
            "وصل الوفد أمس.",
            "وبدأت المحادثات.",
            "فقرة أخرى",
        ],
    );
    assert_sentences(
        "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\r\nمستعدة للحوار.",
        &["أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\r\nمستعدة للحوار."],
    );
}

#[test]
fn list_items_ending_in_semicolons_are_units() {
    assert_sentences(
        "وتتضمن الإجراءات ما يلي:\n1- تعزيز الرقابة على الأسواق؛\n2- دعم الأسر الفقيرة؛\n3- خفض الرسوم الجمركية على المواد الأساسية؛\nوتأمل الحكومة أن تسهم هذه الإجراءات في خفض الأسعار.",
        &[
            "وتتضمن الإجراءات ما يلي:",
            "1- تعزيز الرقابة على الأسواق؛",
            "2- دعم الأسر الفقيرة؛",
            "3- خفض الرسوم الجمركية على المواد الأساسية؛",
            "وتأمل الحكومة أن تسهم هذه الإجراءات في خفض الأسعار.",
        ],
    );
}

#[test]
fn named_speakers_take_turns() {
    assert_sentences(
        "المذيع: ماذا تتوقع من القمة المقبلة؟\nالوزير: نتوقع انفراجاً قريباً في العلاقات\nالمذيع: وهل ستزور العاصمة قريباً؟\nالوزير: ربما في الشهر المقبل",
        &[
            "المذيع: ماذا تتوقع من القمة المقبلة؟",
            "الوزير: نتوقع انفراجاً قريباً في العلاقات",
            "المذيع: وهل ستزور العاصمة قريباً؟",
            "الوزير: ربما في الشهر المقبل",
        ],
    );
}

#[test]
fn headline_above_a_lede_of_the_same_length_is_a_unit() {
    assert_sentences(
        "أسعار النفط ترتفع... والبورصات تتراجع\nشهدت الأسواق العالمية يوماً متقلباً.",
        &[
            "أسعار النفط ترتفع... والبورصات تتراجع",
            "شهدت الأسواق العالمية يوماً متقلباً.",
        ],
    );
    assert_sentences(
        "ارتفاع جديد في أسعار الذهب بالأسواق المحلية\nالقاهرة - سجلت أسعار الذهب ارتفاعاً في التعاملات الصباحية.",
        &[
            "ارتفاع جديد في أسعار الذهب بالأسواق المحلية",
            "القاهرة - سجلت أسعار الذهب ارتفاعاً في التعاملات الصباحية.",
        ],
    );
}

#[test]
fn headline_then_dateline_line_then_story() {
    assert_sentences(
        "وكان من المتوقع أن تستمر أعمال الترميم حتى نهاية الموسم السياحي المقبل على الأقل\nانهيار جسر قديم في شمال البلاد دون إصابات\nالموصل 4 آذار\nانهار جسر حديدي قديم فوق النهر صباح اليوم دون أن يسفر الحادث عن إصابات.",
        &[
            "وكان من المتوقع أن تستمر أعمال الترميم حتى نهاية الموسم السياحي المقبل على الأقل",
            "انهيار جسر قديم في شمال البلاد دون إصابات",
            "الموصل 4 آذار",
            "انهار جسر حديدي قديم فوق النهر صباح اليوم دون أن يسفر الحادث عن إصابات.",
        ],
    );
}

#[test]
fn letter_salutations_are_units() {
    assert_sentences(
        "مرحباً بالجميع،\nنود إبلاغكم بأن الاجتماع الدوري سيعقد يوم الأحد المقبل في قاعة\nالمؤتمرات الرئيسية، وسيناقش الميزانية السنوية وخطة التوظيف.\nمع التحية،\nإدارة الموارد البشرية",
        &[
            "مرحباً بالجميع،",
            "نود إبلاغكم بأن الاجتماع الدوري سيعقد يوم الأحد المقبل في قاعة\nالمؤتمرات الرئيسية، وسيناقش الميزانية السنوية وخطة التوظيف.",
            "مع التحية،",
            "إدارة الموارد البشرية",
        ],
    );
}

#[test]
fn short_tail_of_a_wrapped_sentence_stays_with_it() {
    assert_one_sentence(
        "وقالت مصادر مطلعة إن المفاوضات التي جرت في الدوحة خلال الأيام\nالماضية لم تسفر عن اتفاق نهائي\nحتى الآن.",
    );
}

#[test]
fn lines_without_any_mark_are_units() {
    assert_sentences(
        "أبرز ملامح الموازنة الجديدة\nارتفاع الإنفاق على التعليم والصحة بنسبة عشرة في المئة\nتراجع الدعم المخصص للمحروقات والكهرباء والمياه\nزيادة رواتب موظفي القطاع العام والمتقاعدين",
        &[
            "أبرز ملامح الموازنة الجديدة",
            "ارتفاع الإنفاق على التعليم والصحة بنسبة عشرة في المئة",
            "تراجع الدعم المخصص للمحروقات والكهرباء والمياه",
            "زيادة رواتب موظفي القطاع العام والمتقاعدين",
        ],
    );
}

#[test]
fn dateline_on_its_own_line_belongs_to_the_story() {
    assert_one_sentence("جدة (واس):\nأعلنت وزارة الداخلية القبض على خلية إرهابية.");
    assert_one_sentence(
        "القدس - من محمد العلي:\nأفاد شهود عيان بأن قوات الأمن أغلقت المدينة القديمة.",
    );
    assert_sentences(
        "النتائج الأولية (حتى الآن):\nسارة أحمد\nيوسف كمال",
        &["النتائج الأولية (حتى الآن):", "سارة أحمد", "يوسف كمال"],
    );
}

#[test]
fn ellipsis_inside_a_headline_does_not_split_it() {
    assert_one_sentence("الرياض... عاصمة الثقافة العربية");
    assert_sentences(
        "الطاقة الشمسية... رهان المستقبل\n\nتراهن دول المنطقة على الطاقة الشمسية لتنويع مصادر الدخل.",
        &[
            "الطاقة الشمسية... رهان المستقبل",
            "تراهن دول المنطقة على الطاقة الشمسية لتنويع مصادر الدخل.",
        ],
    );
}

#[test]
fn colon_before_a_quotation_on_the_next_line_goes_on() {
    assert_one_sentence("قال المتحدث باسم الحركة:\n«لن نقبل بأي تسوية لا تضمن حقوقنا كاملة.»");
    assert_sentences(
        "قالت الشركة في بيانها:\n\"نعتذر لعملائنا عن التأخير\"\nوأضافت أن الخدمة ستعود خلال ساعات.",
        &[
            "قالت الشركة في بيانها:\n\"نعتذر لعملائنا عن التأخير\"",
            "وأضافت أن الخدمة ستعود خلال ساعات.",
        ],
    );
}

#[test]
fn roman_numerals_and_dialogue_dashes_open_items() {
    assert_sentences(
        "I. الوضع السياسي\nII. الوضع الاقتصادي\nIII. التوصيات",
        &["I. الوضع السياسي", "II. الوضع الاقتصادي", "III. التوصيات"],
    );
    assert_sentences(
        "— هل أنت مستعد؟\n— نعم، تماماً.\nسؤال: هل ترشحون أنفسكم؟\nجواب: لم نقرر بعد",
        &[
            "— هل أنت مستعد؟",
            "— نعم، تماماً.",
            "سؤال: هل ترشحون أنفسكم؟",
            "جواب: لم نقرر بعد",
        ],
    );
}

#[test]
fn headline_above_a_wrapped_lede_that_opens_with_a_news_verb() {
    assert_sentences(
        "وزير الخارجية يبحث مع نظيره الفرنسي الملف النووي\nبحث وزير الخارجية مع نظيره الفرنسي في اتصال هاتفي اليوم\nالملف النووي وتطورات الأوضاع في المنطقة.",
        &[
            "وزير الخارجية يبحث مع نظيره الفرنسي الملف النووي",
            "بحث وزير الخارجية مع نظيره الفرنسي في اتصال هاتفي اليوم\nالملف النووي وتطورات الأوضاع في المنطقة.",
        ],
    );
}

#[test]
fn headline_and_subheadline_of_similar_length_above_a_paragraph() {
    assert_sentences(
        "المعارضة تقاطع الانتخابات البلدية المقررة في الربيع\nقادة الأحزاب يطالبون بضمانات دولية لنزاهة الاقتراع\nأعلنت أحزاب المعارضة الرئيسية مساء أمس مقاطعتها الانتخابات البلدية المقررة في الربيع المقبل، مطالبة بضمانات دولية تكفل نزاهة الاقتراع وحياد الأجهزة الإدارية المشرفة عليه.",
        &[
            "المعارضة تقاطع الانتخابات البلدية المقررة في الربيع",
            "قادة الأحزاب يطالبون بضمانات دولية لنزاهة الاقتراع",
            "أعلنت أحزاب المعارضة الرئيسية مساء أمس مقاطعتها الانتخابات البلدية المقررة في الربيع المقبل، مطالبة بضمانات دولية تكفل نزاهة الاقتراع وحياد الأجهزة الإدارية المشرفة عليه.",
        ],
    );
}

#[test]
fn list_items_under_an_intro_end_at_their_semicolons() {
    assert_sentences(
        "وتشمل المطالب:\nرفع الأجور بما يتناسب مع غلاء المعيشة في البلاد؛\nتحسين ظروف العمل في المصانع الحكومية والخاصة؛\nإعادة العمال المفصولين إلى وظائفهم دون شروط.",
        &[
            "وتشمل المطالب:",
            "رفع الأجور بما يتناسب مع غلاء المعيشة في البلاد؛",
            "تحسين ظروف العمل في المصانع الحكومية والخاصة؛",
            "إعادة العمال المفصولين إلى وظائفهم دون شروط.",
        ],
    );
    assert_sentences(
        "قال البيان:\nإن الحكومة ستعمل على تحسين الخدمات العامة في المدن،\nوتطوير البنية التحتية في المناطق الريفية النائية.",
        &[
            "قال البيان:",
            "إن الحكومة ستعمل على تحسين الخدمات العامة في المدن،\nوتطوير البنية التحتية في المناطق الريفية النائية.",
        ],
    );
    assert_one_sentence(
        "وقال المتحدث إن الحكومة ستواصل العمل على خطة الإصلاح الاقتصادي؛\nفالأزمة لا تحتمل مزيداً من التأجيل.",
    );
}

// Latin text and direction marks

#[test]
fn latin_sentences_inside_arabic_text() {
    assert_sentences(
        "قال المدير \"We will not give up.\" وأضاف أن الشركة ستواصل العمل. Reuters reported the news first. ونقلت الوكالة عن مصدر أن الصفقة تمت.",
        &[
            "قال المدير \"We will not give up.\"",
            "وأضاف أن الشركة ستواصل العمل.",
            "Reuters reported the news first.",
            "ونقلت الوكالة عن مصدر أن الصفقة تمت.",
        ],
    );
}

#[test]
fn direction_marks_are_looked_through() {
    assert_sentences(
        "\u{200f}قال الوزير.\u{200f} وأضاف أن الاتفاق جاهز.\u{200e}",
        &[
            "\u{200f}قال الوزير.\u{200f}",
            "وأضاف أن الاتفاق جاهز.\u{200e}",
        ],
    );
}

// Edge cases

#[test]
fn empty_and_blank_input_have_no_sentences() {
    assert!(split("").is_empty());
    assert!(split(" \n\r\n\t ").is_empty());
}

#[test]
fn text_without_marks_is_one_sentence() {
    assert_one_sentence("  نص بلا علامات ترقيم  ");
}

// Invariants

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that exercise the rules, mixed with arbitrary characters.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "وقال", "الوزير", "في", "أن", "د", "هـ", "ق.م", "أ.ف.ب", "U.S", "Dr", "J", "www.x.org",
                "a@b.io", "3", "10", "١٢", "كتب:", "س:", "-", "•", "1.", "(أ)", "إلخ", "Inc", "the",
                " ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\u{2028}", "\u{2029}", "\t", "\u{a0}",
                ".", ".", "؟", "!", "?", "…", "...", "؟!", "،", ",", ":", "؛", "«", "»", "\"", "“", "”",
                "'", "(", ")", "[", "]", "\u{200f}", "\u{202b}", "\u{2066}", "\u{200d}", "\u{feff}",
                "\u{651}", "\u{301}", "\u{640}", "\0", "😀", "۔", "‼",
            ])
            .prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(fragment(), 0..120).prop_map(|pieces| pieces.concat())
    }

    /// Whole lines of the kinds the layout rules look at, joined by line
    /// breaks and blank lines.
    fn layout() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "الحكومة تقر موازنة العام الجديد",
            "كتب: سامي العلي",
            "الموصل 4 آذار",
            "جدة (واس):",
            "وتشمل الخطة:",
            "- بناء ثلاث مدارس جديدة",
            "1. دعم صغار المزارعين؛",
            "س: متى تبدأ الانتخابات؟",
            "الوزير: ربما في الشهر المقبل",
            "مرحباً بالجميع،",
            "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده",
            "مستعدة للحوار مع جميع الأطراف من أجل التوصل إلى حل سياسي شامل",
            "للأزمة. وأضاف أن المفاوضات ستستأنف الأسبوع المقبل في جنيف.",
            "وصل الوفد إلى",
            "أسعار النفط ترتفع... والبورصات تتراجع",
            "شهدت الأسواق العالمية يوماً متقلباً.",
            "القاهرة - سجلت أسعار الذهب ارتفاعاً جديداً في التعاملات الصباحية اليوم",
            "قال د.",
            "«إلى أين نذهب؟»",
            "تراجع الدعم المخصص للمحروقات والكهرباء والمياه",
            "وكان من المتوقع أن تستمر أعمال الترميم حتى نهاية الموسم السياحي المقبل على الأقل في المدينة القديمة وما حولها من قرى",
            "\u{200f}",
            "",
        ]);
        let joint = prop::sample::select(vec![
            "\n", "\n", "\n", "\r\n", "\r", "\n\n", " \n", "\u{2028}",
        ]);
        prop::collection::vec((line, joint), 0..14).prop_map(|parts| {
            parts
                .into_iter()
                .flat_map(|(line, joint)| [line, joint])
                .collect()
        })
    }

    fn check_stretches(text: &str, cuts: &[prop::sample::Index]) -> Result<(), TestCaseError> {
        let mut at: Vec<usize> = cuts.iter().map(|cut| cut.index(text.len() + 1)).collect();
        at.push(text.len());
        at.sort_unstable();
        let mut from = 0;
        let mut stretches = Stretches::new();
        let mut offset = 0;
        let mut found = Vec::new();
        let mut collect = |stretch: &str| -> Result<(), ()> {
            found.extend(
                split(stretch)
                    .into_iter()
                    .map(|range| range.start + offset..range.end + offset),
            );
            offset += stretch.len();
            Ok(())
        };
        for to in at {
            let to = (to..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            if to > from {
                stretches.push(&text[from..to], &mut collect).unwrap();
                from = to;
            }
        }
        stretches.finish(&mut collect).unwrap();
        prop_assert_eq!(found, split(text));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn carriage_returns_split_like_line_feeds(text in layout()) {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let with_lf: Vec<String> = sentences_of(&text).into_iter().map(str::to_owned).collect();
            for ending in ["\r\n", "\r"] {
                let converted = text.replace('\n', ending);
                let sentences: Vec<String> = sentences_of(&converted)
                    .into_iter()
                    .map(|sentence| sentence.replace(ending, "\n"))
                    .collect();
                prop_assert_eq!(&sentences, &with_lf);
            }
        }

        #[test]
        fn stretches_split_layouts_like_the_whole_text(text in layout(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6)) {
            check_stretches(&text, &cuts)?;
        }

        #[test]
        fn sentences_partition_the_visible_text(text in text()) {
            let ranges = split(&text);
            let mut covered = 0;
            for range in &ranges {
                prop_assert!(range.start >= covered && range.start < range.end && range.end <= text.len());
                prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
                let sentence = &text[range.clone()];
                prop_assert_eq!(sentence, sentence.trim());
                prop_assert!(text[covered..range.start].chars().all(char::is_whitespace));
                covered = range.end;
            }
            prop_assert!(text[covered..].chars().all(char::is_whitespace));
        }

        #[test]
        fn arbitrary_strings_never_panic(text in any::<String>()) {
            let ranges = split(&text);
            prop_assert!(ranges.windows(2).all(|pair| pair[0].end <= pair[1].start));
        }

        #[test]
        fn stretches_split_like_the_whole_text(text in text(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6)) {
            check_stretches(&text, &cuts)?;
        }
    }
}

#[test]
fn stretches_keep_a_split_crlf_together() {
    let text = "جملة أولى تنتهي هنا.\r\nجملة ثانية.\r\n";
    let cut = text.find('\n').unwrap();
    let mut stretches = Stretches::new();
    let mut seen = Vec::new();
    let mut keep = |stretch: &str| -> Result<(), ()> {
        seen.push(stretch.to_owned());
        Ok(())
    };
    stretches.push(&text[..cut], &mut keep).unwrap();
    stretches.push(&text[cut..], &mut keep).unwrap();
    stretches.finish(&mut keep).unwrap();
    assert_eq!(seen.concat(), text);
    assert!(
        seen.iter().all(|stretch| !stretch.ends_with('\r')),
        "{seen:?}"
    );
}

#[test]
fn huge_line_without_marks_is_one_sentence() {
    let text = "كلمة ".repeat(200_000);
    assert_eq!(split(&text), vec![0..text.len() - 1]);
    let dots = ".".repeat(100_000) + &"(«".repeat(50_000) + &" .".repeat(50_000);
    assert_eq!(split(&dots).len(), 1);
}
