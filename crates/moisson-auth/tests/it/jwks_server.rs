//! A real local JWKS endpoint (plain HTTP/1.1 over tokio) and an OIDC provider's signing
//! keys (test-only fixtures in tests/data).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A signing key of the test identity provider.
pub struct TestKey {
    kid: String,
    alg: Algorithm,
    encoding: EncodingKey,
}

impl TestKey {
    pub fn rsa(file: &str, kid: &str) -> Self {
        let pem = std::fs::read(data(file)).expect("fixture");
        Self {
            kid: kid.to_owned(),
            alg: Algorithm::RS256,
            encoding: EncodingKey::from_rsa_pem(&pem).expect("RSA key"),
        }
    }

    pub fn ec(file: &str, kid: &str) -> Self {
        let pem = std::fs::read(data(file)).expect("fixture");
        Self {
            kid: kid.to_owned(),
            alg: Algorithm::ES256,
            encoding: EncodingKey::from_ec_pem(&pem).expect("EC key"),
        }
    }

    /// The same private key published or used under another key id.
    pub fn renamed(&self, kid: &str) -> Self {
        Self {
            kid: kid.to_owned(),
            alg: self.alg,
            encoding: self.encoding.clone(),
        }
    }

    pub fn sign(&self, claims: &serde_json::Value) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("signs")
    }

    fn public_jwk(&self) -> Jwk {
        let mut jwk = Jwk::from_encoding_key(&self.encoding, self.alg).expect("public key");
        jwk.common.key_id = Some(self.kid.clone());
        jwk
    }
}

fn data(file: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

fn jwks_json(keys: &[&TestKey]) -> String {
    let set = JwkSet {
        keys: keys.iter().map(|k| k.public_jwk()).collect(),
    };
    serde_json::to_string(&set).expect("json")
}

/// Serves `/jwks` on 127.0.0.1 and counts the fetches.
pub struct JwksServer {
    pub url: String,
    body: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl JwksServer {
    pub async fn start(keys: &[&TestKey]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let url = format!("http://{}/jwks", listener.local_addr().expect("addr"));
        let body = Arc::new(Mutex::new(jwks_json(keys)));
        let fetches = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(serve(listener, body.clone(), fetches.clone()));
        Self {
            url,
            body,
            fetches,
            task,
        }
    }

    /// Publishes another key set (a key rotation).
    pub fn publish(&self, keys: &[&TestKey]) {
        *self.body.lock().expect("lock") = jwks_json(keys);
    }

    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl Drop for JwksServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(listener: TcpListener, body: Arc<Mutex<String>>, fetches: Arc<AtomicUsize>) {
    while let Ok((mut socket, _)) = listener.accept().await {
        let body = body.clone();
        let fetches = fetches.clone();
        tokio::spawn(async move {
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let response = if request.starts_with(b"GET /jwks ") {
                fetches.fetch_add(1, Ordering::SeqCst);
                let body = body.lock().expect("lock").clone();
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
            } else {
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    .to_owned()
            };
            let _ = socket.write_all(response.as_bytes()).await;
            let _ = socket.shutdown().await;
        });
    }
}
