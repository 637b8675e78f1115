//! Passwords, refresh tokens and client secrets: argon2id for what people choose, SHA-256 for the long random
//! tokens the service makes (they cannot be guessed, so a slow hash adds nothing).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing: {e}"))
}

/// Whether the password matches the stored hash. A missing account is checked against a throwaway hash so that
/// the answer takes as long either way.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("a password nobody has, for timing").expect("hashing works"));
    let (phc, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let ok = PasswordHash::new(phc)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
    ok && real
}

/// Refuses passwords too short to resist guessing.
pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_LENGTH {
        Err(format!("a password has at least {MIN_LENGTH} characters"))
    } else {
        Ok(())
    }
}

/// A new random secret: 32 bytes as 64 hex digits.
pub fn random_secret() -> String {
    (0..32).map(|_| format!("{:02x}", rand::random::<u8>())).collect()
}

/// A random password of 20 letters and digits, for a first admin or a reset.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..20).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char).collect()
}

/// The stored form of a service-made token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_others_do_not() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(Some(&h), "correct horse battery staple"));
        assert!(!verify(Some(&h), "wrong"));
        assert!(!verify(None, "correct horse battery staple"));
        assert!(check_strength("short").is_err());
        assert_eq!(random_secret().len(), 64);
        assert_eq!(token_hash("x").len(), 64);
    }
}
