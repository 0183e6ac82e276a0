//! The XLIFF reader (of `tm import`, and of `check`): any bytes are read
//! or refused with an error that points inside the file, never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tarjama::exchange::ExchangeFormat;

fuzz_target!(|bytes: &[u8]| {
    fuzz_common::exchange_file(bytes, ExchangeFormat::Xliff);
});
