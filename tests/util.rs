//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use tempfile::TempDir;

/// A temporary working directory and a way to run `tarjama` inside it.
pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: TempDir::new().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `name` inside the sandbox and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent directory");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// `tarjama ARGS` with the sandbox as working directory, home and data
    /// directory, and nothing else from the caller's environment.
    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
    }

    /// The same as [`Sandbox::cmd`] as a plain process, for tests that
    /// talk to it while it runs.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tarjama"));
        cmd.env_clear()
            .env("HOME", self.path())
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("LC_ALL", "C.UTF-8")
            .current_dir(self.path())
            .args(args);
        cmd
    }

    /// `tarjama ARGS` as [`Sandbox::cmd`] makes it, run by a user whom file
    /// permissions bind: the test's own user when it is not privileged, else
    /// `nobody` through `setpriv` (the sandbox is opened to it for reading).
    /// `Err` says why neither is possible here.
    pub fn cmd_unprivileged(&self, args: &[&str]) -> Result<Command, String> {
        use std::os::unix::fs::PermissionsExt;
        let probe = self.write(".permission-probe", "");
        std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o444))
            .expect("chmod the probe");
        let privileged = std::fs::OpenOptions::new().write(true).open(&probe).is_ok();
        std::fs::remove_file(&probe).expect("remove the probe");
        if !privileged {
            return Ok(self.cmd(args));
        }
        std::fs::set_permissions(self.path(), std::fs::Permissions::from_mode(0o755))
            .expect("open the sandbox to other users");
        let as_nobody = |args: &[&str]| {
            let plain = self.process(args);
            let mut cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(plain.get_program())
                .args(plain.get_args())
                .env_clear()
                .envs(plain.get_envs().filter_map(|(k, v)| Some((k, v?))))
                .current_dir(self.path());
            cmd
        };
        match as_nobody(&["--version"]).output() {
            Ok(output) if output.status.success() => Ok(Command::from_std(as_nobody(args))),
            Ok(output) => Err(format!(
                "running as root, and the binary does not run as nobody through setpriv: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            )),
            Err(err) => Err(format!(
                "running as root, where permissions stop nothing, and setpriv is not available ({err})"
            )),
        }
    }

    /// Starts `tarjama ARGS` in the sandbox without waiting for it; its
    /// standard error is piped, its standard output dropped.
    pub fn spawn(&self, args: &[&str]) -> Child {
        let cmd = self.cmd(args);
        let mut child = std::process::Command::new(cmd.get_program());
        child.args(cmd.get_args()).env_clear();
        for (key, value) in cmd.get_envs() {
            if let Some(value) = value {
                child.env(key, value);
            }
        }
        if let Some(dir) = cmd.get_current_dir() {
            child.current_dir(dir);
        }
        child
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tarjama")
    }
}

/// The path of `name` under `tests/fixtures`, as a string for arguments.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Memory units whose sources differ from the tests' sentences by a
/// negation (قال الوزير إن المحادثات ليست صعبة scores 83) and by a number
/// (3.5 ملايين scores 85): fuzzy matches whose English is wrong for them.
pub const SIMILAR_UNITS: [(&str, &str); 2] = [
    (
        "قال الوزير إن المحادثات صعبة",
        "The minister said the talks were difficult",
    ),
    (
        "ارتفع عدد السكان إلى 5.5 ملايين نسمة",
        "The population rose to 5.5 million",
    ),
];

/// Adds `units` (source, target) to the memory `tm` in the sandbox.
pub fn add_units(sandbox: &Sandbox, tm: &str, units: &[(&str, &str)]) {
    for (source, target) in units {
        sandbox
            .cmd(&["tm", "add", "--tm", tm, source, target])
            .assert()
            .success();
    }
}
