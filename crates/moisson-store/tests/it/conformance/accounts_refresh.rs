//! Accounts: refresh tokens are single-use, and a second use revokes the token's whole
//! family. Marking one as used is one atomic step, so of many concurrent uses exactly one
//! wins (and the others revoke the family); marks and revocations past their expiry are
//! purged.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use moisson_store::Store;

async fn consume(store: &Arc<dyn Store>, jti: &str, family: &str, expires: DateTime<Utc>) -> bool {
    store
        .consume_refresh_token(jti, family, expires)
        .await
        .unwrap_or_else(|e| panic!("using {jti} of {family}: {e}"))
}

pub async fn accounts_refresh_tokens_work_once(store: Arc<dyn Store>) {
    let in_an_hour = Utc::now() + Duration::hours(1);
    assert!(
        consume(&store, "t1", "f1", in_an_hour).await,
        "the first use wins"
    );
    assert!(
        !consume(&store, "t1", "f1", in_an_hour).await,
        "a used token is refused"
    );
    assert!(
        consume(&store, "t2", "f2", in_an_hour).await,
        "tokens are told apart by id"
    );

    // Many uses of one token at once: exactly one wins, and the losers revoke the family.
    let uses: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .consume_refresh_token("raced", "f-raced", in_an_hour)
                    .await
            })
        })
        .collect();
    let mut wins = 0;
    for used in uses {
        if used.await.expect("task").expect("use") {
            wins += 1;
        }
    }
    assert_eq!(wins, 1, "concurrent uses of one token");
    assert!(
        !consume(&store, "raced-child", "f-raced", in_an_hour).await,
        "the token the winner got is refused: the family is revoked"
    );

    // A mark past its expiry is purged (the token could not verify any more anyway);
    // live marks stay.
    let expired = Utc::now() - Duration::seconds(30);
    assert!(consume(&store, "old", "f-old", expired).await);
    assert!(
        consume(&store, "old", "f-old", expired).await,
        "the expired mark was purged"
    );
    for (jti, family) in [("t1", "f1"), ("t2", "f2"), ("raced", "f-raced")] {
        assert!(
            !consume(&store, jti, family, in_an_hour).await,
            "{jti} is still marked"
        );
    }

    reuse_revokes_the_family(&store).await;
    revocations_expire(&store).await;
}

/// A token used a second time revokes every token of its family, fresh ones included;
/// other families are untouched.
async fn reuse_revokes_the_family(store: &Arc<dyn Store>) {
    let in_an_hour = Utc::now() + Duration::hours(1);
    // Sign-in gives a1; a1 → a2 (the legitimate client); a1 replayed by a thief.
    assert!(consume(store, "a1", "fam-a", in_an_hour).await);
    assert!(consume(store, "a2", "fam-a", in_an_hour).await);
    assert!(consume(store, "b1", "fam-b", in_an_hour).await);
    assert!(!consume(store, "a1", "fam-a", in_an_hour).await, "replay");
    // a2's successor (never used) and any other token of the family are refused, and
    // stay refused.
    for jti in ["a3", "a3", "a4"] {
        assert!(
            !consume(store, jti, "fam-a", in_an_hour).await,
            "{jti} belongs to a revoked family"
        );
    }
    // Another sign-in's family still works.
    assert!(consume(store, "b2", "fam-b", in_an_hour).await);
    assert!(consume(store, "c1", "fam-c", in_an_hour).await);

    // A token made before families existed stands for its own family: its successors
    // carry its id as their family.
    assert!(consume(store, "legacy", "legacy", in_an_hour).await);
    assert!(consume(store, "l2", "legacy", in_an_hour).await);
    assert!(!consume(store, "legacy", "legacy", in_an_hour).await);
    assert!(!consume(store, "l3", "legacy", in_an_hour).await);
}

/// A revocation is kept until its expiry, then purged like the marks.
async fn revocations_expire(store: &Arc<dyn Store>) {
    let in_an_hour = Utc::now() + Duration::hours(1);
    let expired = Utc::now() - Duration::seconds(30);
    assert!(consume(store, "h1", "fam-h", in_an_hour).await);
    // Reused with a revocation that is already past its expiry (as if the family's
    // tokens had all expired): purged by the next use.
    assert!(!consume(store, "h1", "fam-h", expired).await);
    assert!(
        consume(store, "h2", "fam-h", in_an_hour).await,
        "the expired revocation was purged"
    );
    // A live revocation is not shortened by a later reuse that asks for less.
    assert!(!consume(store, "h2", "fam-h", in_an_hour).await);
    assert!(!consume(store, "h2", "fam-h", expired).await);
    assert!(
        !consume(store, "h3", "fam-h", in_an_hour).await,
        "the revocation kept its longest expiry"
    );
}
