//! The command engine: an external program, run by the system's shell, that
//! reads one Arabic sentence per line on its standard input and writes one
//! English line per line it read (`--mt-cmd 'trans -b ar:en'`).

use crate::error::Hinted;
use std::borrow::Cow;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// Why the command failed: it could not start, failed, or did not answer
/// in UTF-8.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    message: String,
    /// The command, for the hint to try it by hand (none when the failure
    /// was in talking to it).
    command: Option<String>,
}

impl Hinted for CommandError {
    fn hint(&self) -> Option<Cow<'_, str>> {
        let command = self.command.as_ref()?;
        Some(format!("try it by hand: echo 'وصل الوفد إلى جنيف.' | {command}").into())
    }
}

impl From<std::io::Error> for CommandError {
    fn from(error: std::io::Error) -> Self {
        Self {
            message: error.to_string(),
            command: None,
        }
    }
}

/// Runs the machine translator: `command` through the shell, `input` on its
/// standard input, its standard output returned; its standard error goes to
/// ours.
pub fn run(command: &str, input: &str) -> Result<String, CommandError> {
    let failed = |message: String| CommandError {
        message,
        command: Some(command.to_owned()),
    };
    let mut child = shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|err| failed(format!("cannot start the machine translator ({err})")))?;
    let mut stdin = child.stdin.take().expect("piped standard input");
    let mut stdout = child.stdout.take().expect("piped standard output");
    let mut answer = Vec::new();
    // Written on a second thread so that a translator that answers while it
    // reads never waits for us; one that stops reading shows in its answer.
    let read = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        stdout.read_to_end(&mut answer)
    });
    let status = child.wait()?;
    read?;
    if !status.success() {
        let how = match status.code() {
            Some(127) => "the shell did not find it (exit status 127)".to_owned(),
            Some(code) => format!("exit status {code}"),
            None => format!("{status}"),
        };
        return Err(failed(format!("the machine translator failed: {how}")));
    }
    String::from_utf8(answer).map_err(|err| {
        failed(format!(
            "the machine translator's output is not UTF-8 (byte offset {})",
            err.utf8_error().valid_up_to()
        ))
    })
}

/// `command` run by the system's shell.
fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("/bin/sh");
        shell.arg("-c").arg(command);
        shell
    }
}
