//! `--credentials-dir DIR`: for each principal `DIR/NAME.env` (shell `KEY=VALUE` lines) and
//! `DIR/NAME.pem` (mode 0600), and `DIR/wallets.json`.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::dfns::model::Wallet;

use super::PrincipalCredentials;

pub fn write(
    dir: &Path,
    url: &str,
    principals: &[PrincipalCredentials],
    wallets: &[Wallet],
) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    for p in principals {
        let pem_path = dir.join(format!("{}.pem", p.name));
        write_private(&pem_path, p.private_key_pem.expose().as_bytes())?;
        let pem_abs = fs::canonicalize(&pem_path)?;
        let env = format!(
            "DFNS_API_URL={url}\nDFNS_AUTH_TOKEN={}\nDFNS_CRED_ID={}\nDFNS_PRIVATE_KEY_FILE={}\n",
            p.token.expose(),
            p.cred_id,
            shell_quote(&pem_abs.to_string_lossy())
        );
        write_private(&dir.join(format!("{}.env", p.name)), env.as_bytes())?;
    }
    let json = serde_json::to_vec_pretty(wallets).map_err(std::io::Error::other)?;
    fs::write(dir.join("wallets.json"), json)
}

/// Created with mode 0600 from the start (never world-readable, even briefly).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(bytes)
}

/// Single-quotes a value for `sh` when it needs it.
fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
