//! API keys: accepted, revoked, wrong secret, unknown id.

use moisson_auth::{AuthError, new_api_key};
use moisson_model::{Membership, Principal, Role, Viewer};

use crate::common::{authenticator, bearer, config, create_unit, store};

#[tokio::test]
async fn api_key_ok_revoked_wrong_secret_unknown_id() {
    let (_dir, store) = store().await;
    create_unit(&store, "ddt-01").await;
    let (key, secret) = new_api_key(
        "ddt-01",
        Role::Editor,
        Some("harvester".to_owned()),
        "admin",
    );
    assert!(secret.starts_with(&format!("msk_{}_", key.id)));
    store
        .create_api_key(key.clone(), &Viewer::Admin)
        .await
        .expect("stored");
    let auth = authenticator(config(), &store);

    let expected = Viewer::Member(Principal {
        subject: format!("apikey:{}", key.id),
        memberships: vec![Membership {
            unit: "ddt-01".to_owned(),
            role: Role::Editor,
        }],
        superadmin: false,
    });
    assert_eq!(
        auth.viewer(Some(&bearer(&secret))).await.ok(),
        Some(expected)
    );

    let mut wrong_secret = secret.clone();
    let last = wrong_secret.pop();
    wrong_secret.push(if last == Some('0') { '1' } else { '0' });
    let unknown_id = format!(
        "msk_ffffffffffffffff_{}",
        secret.rsplit('_').next().unwrap_or("")
    );
    for credential in [wrong_secret.as_str(), unknown_id.as_str(), "msk_x_y"] {
        assert!(
            matches!(
                auth.viewer(Some(&bearer(credential))).await,
                Err(AuthError::Unauthenticated)
            ),
            "{credential}"
        );
    }

    assert!(
        store
            .revoke_api_key(&key.id, &Viewer::Admin)
            .await
            .expect("revokes")
    );
    assert!(matches!(
        auth.viewer(Some(&bearer(&secret))).await,
        Err(AuthError::Unauthenticated)
    ));
}
