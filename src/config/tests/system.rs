//! SystemEnvironment against the real file system and shell.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use super::MARK;
use crate::config::{ConfigError, Environment, SystemEnvironment};

fn write_key(dir: &tempfile::TempDir, mode: u32) -> std::path::PathBuf {
    let path = dir.path().join("k.pem");
    fs::write(&path, format!("pem-{MARK}")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
    path
}

#[test]
fn secret_file_readable_by_others_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_key(&dir, 0o644);
    let e = SystemEnvironment.read_secret_file(&path).unwrap_err();
    let shown = path.display();
    assert!(
        matches!(e, ConfigError::InsecureFile { mode: 0o644, .. }),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        format!("secret file {shown} is readable by others (mode 0644); run: chmod 600 {shown}")
    );
    // Group-readable only is refused too.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    assert!(SystemEnvironment.read_secret_file(&path).is_err());
}

#[test]
fn secret_file_private_to_the_owner_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_key(&dir, 0o600);
    assert_eq!(
        SystemEnvironment.read_secret_file(&path).unwrap(),
        format!("pem-{MARK}")
    );
}

#[test]
fn missing_secret_file_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.pem");
    let msg = SystemEnvironment
        .read_secret_file(&path)
        .unwrap_err()
        .to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
}

#[test]
fn config_file_absent_is_none_and_present_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    assert_eq!(SystemEnvironment.read_config_file(&path).unwrap(), None);
    fs::write(&path, "[profiles]\n").unwrap();
    assert_eq!(
        SystemEnvironment
            .read_config_file(&path)
            .unwrap()
            .as_deref(),
        Some("[profiles]\n")
    );
}

#[test]
fn command_stdout_loses_only_its_trailing_newline() {
    let out = SystemEnvironment.run_command("printf ' tok \\n'").unwrap();
    assert_eq!(out, " tok ");
}

#[test]
fn failing_command_reports_code_and_first_stderr_line_never_stdout() {
    let cmd = format!("echo {MARK}-partial; echo 'vault: sealed' >&2; echo more >&2; exit 3");
    let msg = SystemEnvironment.run_command(&cmd).unwrap_err().to_string();
    assert!(msg.contains("code 3"), "{msg}");
    assert!(
        msg.contains("vault: sealed") && !msg.contains("more"),
        "{msg}"
    );
    assert!(!msg.contains(MARK), "{msg}");
}
