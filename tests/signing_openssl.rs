//! Cross-checks dfns::signing against the `openssl` command line, so that our signer and our
//! verifier cannot share one bug. Requires `openssl` on PATH: the tests FAIL without it
//! (CI installs it), they never skip.

use std::path::Path;
use std::process::{Command, Output};

use base64::Engine as _;
use payouts_tui::dfns::signing::{
    KeyAlgorithm, KeyError, PrivateKey, PublicKey, client_data, sign_challenge,
};
use rand::SeedableRng as _;
use tempfile::TempDir;

const CHALLENGE: &str = "Y2gtb3BlbnNzbC1jcm9zcy1jaGVjay0wMDAx";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new("openssl").args(args).current_dir(dir).output().unwrap_or_else(|e| {
        panic!("cannot run `openssl` ({e}); install it (e.g. `apt-get install openssl`): these tests need it")
    })
}

/// Runs openssl and fails the test with its stderr if it does not succeed.
fn openssl(dir: &Path, args: &[&str]) -> Output {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "openssl {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// The DER inside a single-block PEM, decoded independently of the crate under test.
fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// `openssl … -verify` with our signature; returns whether openssl accepted it.
fn openssl_verifies(
    dir: &Path,
    algorithm: KeyAlgorithm,
    public: &str,
    msg: &str,
    sig: &str,
) -> bool {
    let out = match algorithm {
        KeyAlgorithm::Ed25519 => run(
            dir,
            &[
                "pkeyutl", "-verify", "-pubin", "-inkey", public, "-rawin", "-in", msg, "-sigfile",
                sig,
            ],
        ),
        _ => run(
            dir,
            &["dgst", "-sha256", "-verify", public, "-signature", sig, msg],
        ),
    };
    out.status.success()
}

/// Signs `msg` with openssl and returns the signature bytes.
fn openssl_sign(dir: &Path, algorithm: KeyAlgorithm, key: &str, msg: &str) -> Vec<u8> {
    match algorithm {
        KeyAlgorithm::Ed25519 => openssl(
            dir,
            &[
                "pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", msg, "-out", "osig",
            ],
        ),
        _ => openssl(dir, &["dgst", "-sha256", "-sign", key, "-out", "osig", msg]),
    };
    std::fs::read(dir.join("osig")).unwrap()
}

/// Generates a key with `commands` (the last one writes k.pem), then checks all directions.
fn cross_check(algorithm: KeyAlgorithm, label: &str, commands: &[&[&str]]) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    for args in commands {
        openssl(dir, args);
    }
    let pem = read(dir, "k.pem");
    assert_eq!(
        pem.lines().next(),
        Some(format!("-----BEGIN {label}-----").as_str())
    );
    let key = PrivateKey::from_pem(&pem).unwrap();
    assert_eq!(key.algorithm(), algorithm);
    openssl(dir, &["pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem"]);

    // (c) Our SPKI equals openssl's, and openssl itself parses ours to the same DER.
    let ours = key.public_key().to_spki_pem();
    assert_eq!(
        pem_der(&ours),
        pem_der(&read(dir, "pub.pem")),
        "{algorithm}: SPKI differs"
    );
    write(dir, "ours.pem", ours.as_bytes());
    openssl(
        dir,
        &[
            "pkey", "-pubin", "-in", "ours.pem", "-outform", "DER", "-out", "ours.der",
        ],
    );
    openssl(
        dir,
        &[
            "pkey",
            "-pubin",
            "-in",
            "pub.pem",
            "-outform",
            "DER",
            "-out",
            "theirs.der",
        ],
    );
    assert_eq!(
        std::fs::read(dir.join("ours.der")).unwrap(),
        std::fs::read(dir.join("theirs.der")).unwrap()
    );

    // (a) We sign the clientData, openssl verifies; a tampered message must fail.
    let assertion = sign_challenge(&key, CHALLENGE).unwrap();
    assert_eq!(assertion.client_data, client_data(CHALLENGE));
    write(dir, "msg", &assertion.client_data);
    write(dir, "sig", &assertion.signature);
    assert!(
        openssl_verifies(dir, algorithm, "pub.pem", "msg", "sig"),
        "{algorithm}: openssl rejects our signature"
    );
    write(dir, "tampered", &client_data("Y2gtdGFtcGVyZWQ"));
    assert!(
        !openssl_verifies(dir, algorithm, "pub.pem", "tampered", "sig"),
        "{algorithm}: harness accepts anything"
    );

    // (b) openssl signs, we verify with the openssl-exported SPKI. ECDSA from openssl is
    // randomized with either S half, so take several.
    let public = PublicKey::from_pem(&read(dir, "pub.pem")).unwrap();
    assert_eq!(public.algorithm(), algorithm);
    for round in 0..8u8 {
        let msg = client_data(&format!("{CHALLENGE}-{round}"));
        write(dir, "msg", &msg);
        let sig = openssl_sign(dir, algorithm, "k.pem", "msg");
        public
            .verify(&msg, &sig)
            .unwrap_or_else(|e| panic!("{algorithm} round {round}: {e}"));
        assert!(public.verify(&client_data("other"), &sig).is_err());
        // Ed25519 and RSA PKCS#1 v1.5 are deterministic: both implementations agree exactly.
        if matches!(algorithm, KeyAlgorithm::Ed25519 | KeyAlgorithm::Rsa) {
            assert_eq!(
                sig,
                key.sign(&msg).unwrap(),
                "{algorithm}: signatures differ"
            );
        }
    }

    // Our PKCS#8 export is readable by openssl and is the same key.
    let exported = key.to_pkcs8_pem().unwrap();
    write(dir, "exported.pem", exported.expose().as_bytes());
    openssl(
        dir,
        &[
            "pkey",
            "-in",
            "exported.pem",
            "-pubout",
            "-out",
            "exported-pub.pem",
        ],
    );
    assert_eq!(read(dir, "exported-pub.pem"), read(dir, "pub.pem"));
}

#[test]
fn ed25519_pkcs8() {
    cross_check(
        KeyAlgorithm::Ed25519,
        "PRIVATE KEY",
        &[&["genpkey", "-algorithm", "ed25519", "-out", "k.pem"]],
    );
}

#[test]
fn p256_pkcs8() {
    let generate = [
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "k.pem",
    ];
    cross_check(KeyAlgorithm::P256, "PRIVATE KEY", &[&generate]);
}

#[test]
fn p256_sec1() {
    let generate = [
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        "k.pem",
    ];
    cross_check(KeyAlgorithm::P256, "EC PRIVATE KEY", &[&generate]);
}

#[test]
fn p256_sec1_with_ec_parameters_block() {
    // Without -noout, openssl writes an EC PARAMETERS block before the key.
    let generate = ["ecparam", "-name", "prime256v1", "-genkey", "-out", "k.pem"];
    cross_check(KeyAlgorithm::P256, "EC PARAMETERS", &[&generate]);
}

#[test]
fn secp256k1_pkcs8() {
    let generate = [
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:secp256k1",
        "-out",
        "k.pem",
    ];
    cross_check(KeyAlgorithm::Secp256k1, "PRIVATE KEY", &[&generate]);
}

#[test]
fn secp256k1_sec1() {
    let generate = [
        "ecparam",
        "-name",
        "secp256k1",
        "-genkey",
        "-noout",
        "-out",
        "k.pem",
    ];
    cross_check(KeyAlgorithm::Secp256k1, "EC PRIVATE KEY", &[&generate]);
}

#[test]
fn rsa_pkcs8() {
    let generate = [
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        "k.pem",
    ];
    cross_check(KeyAlgorithm::Rsa, "PRIVATE KEY", &[&generate]);
}

#[test]
fn rsa_pkcs1() {
    let generate = [
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-out",
        "k8.pem",
    ];
    let traditional = ["rsa", "-in", "k8.pem", "-traditional", "-out", "k.pem"];
    cross_check(
        KeyAlgorithm::Rsa,
        "RSA PRIVATE KEY",
        &[&generate, &traditional],
    );
}

#[test]
fn rsa_pkcs1_public_keys_load() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "k.pem",
        ],
    );
    openssl(
        dir,
        &[
            "rsa",
            "-in",
            "k.pem",
            "-RSAPublicKey_out",
            "-out",
            "rsapub.pem",
        ],
    );
    let pkcs1 = read(dir, "rsapub.pem");
    assert_eq!(pkcs1.lines().next(), Some("-----BEGIN RSA PUBLIC KEY-----"));
    let public = PublicKey::from_pem(&pkcs1).unwrap();
    assert_eq!(public.algorithm(), KeyAlgorithm::Rsa);
    let key = PrivateKey::from_pem(&read(dir, "k.pem")).unwrap();
    assert_eq!(public, key.public_key());
    let msg = client_data(CHALLENGE);
    public.verify(&msg, &key.sign(&msg).unwrap()).unwrap();
}

#[test]
fn our_generated_keys_work_with_openssl() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2024);
    for algorithm in KeyAlgorithm::ALL {
        let tmp = TempDir::new().unwrap();
        let dir = tmp.path();
        let key = PrivateKey::generate(algorithm, &mut rng).unwrap();
        write(
            dir,
            "k.pem",
            key.to_pkcs8_pem().unwrap().expose().as_bytes(),
        );
        write(dir, "ours.pem", key.public_key().to_spki_pem().as_bytes());
        openssl(dir, &["pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem"]);
        assert_eq!(read(dir, "pub.pem"), read(dir, "ours.pem"), "{algorithm}");
        let msg = client_data(CHALLENGE);
        write(dir, "msg", &msg);
        write(dir, "sig", &key.sign(&msg).unwrap());
        assert!(
            openssl_verifies(dir, algorithm, "ours.pem", "msg", "sig"),
            "{algorithm}"
        );
        let sig = openssl_sign(dir, algorithm, "k.pem", "msg");
        key.public_key().verify(&msg, &sig).unwrap();
    }
}

#[test]
fn encrypted_keys_are_refused_with_advice_and_without_key_material() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "ed25519",
            "-aes256",
            "-pass",
            "pass:x",
            "-out",
            "enc.pem",
        ],
    );
    openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "plain.pem",
        ],
    );
    openssl(
        dir,
        &[
            "ec",
            "-in",
            "plain.pem",
            "-aes128",
            "-passout",
            "pass:x",
            "-out",
            "legacy.pem",
        ],
    );
    for (file, label) in [
        ("enc.pem", "ENCRYPTED PRIVATE KEY"),
        ("legacy.pem", "EC PRIVATE KEY"),
    ] {
        let pem = read(dir, file);
        let err = PrivateKey::from_pem(&pem).unwrap_err();
        assert_eq!(
            err,
            KeyError::Encrypted {
                label: label.into()
            }
        );
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("openssl pkey -in"));
        for line in pem
            .lines()
            .filter(|l| !l.starts_with("-----") && !l.contains(':') && l.len() > 8)
        {
            assert!(!shown.contains(line), "{file}: error quotes the key");
        }
    }
}
