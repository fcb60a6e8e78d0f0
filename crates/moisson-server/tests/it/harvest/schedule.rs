//! The harvest scheduler of `moisson serve`: a due, enabled source is started once per
//! minute, whichever node ticks; disabled or unscheduled sources are not.

use chrono::{Local, TimeZone};
use moisson_harvest::scheduler::tick;
use moisson_model::Viewer;
use moisson_model::harvest::{JobState, SourceKind};

use super::{add_source, local};

#[tokio::test]
async fn due_sources_start_once_per_minute() {
    let (store, _keep) = local(false).await;
    let nightly = add_source(
        &store,
        SourceKind::Csw,
        "http://127.0.0.1:9/csw".to_owned(),
        10,
    )
    .await;
    let mut source = store
        .source(&nightly, &Viewer::Admin)
        .await
        .expect("read")
        .expect("found");
    source.source.schedule = Some("* * * * *".to_owned());
    assert!(
        store
            .update_source(source.clone(), &Viewer::Admin)
            .await
            .expect("update")
    );
    let manual = add_source(
        &store,
        SourceKind::Csw,
        "http://127.0.0.1:9/csw".to_owned(),
        10,
    )
    .await;

    let now = Local::now();
    let started = tick(&store, now).await.expect("tick");
    assert_eq!(
        started
            .iter()
            .map(|j| j.source_id.as_str())
            .collect::<Vec<_>>(),
        vec![nightly.as_str()]
    );
    // The same minute again (another node, or a late tick): nothing new.
    assert!(tick(&store, now).await.expect("tick").is_empty());
    // The run goes on in the background and ends (the port is closed: it fails).
    let mut state = JobState::Running;
    for _ in 0..200 {
        state = store
            .job(started[0].id, &Viewer::Admin)
            .await
            .expect("job")
            .expect("kept")
            .state;
        if state != JobState::Running {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(state, JobState::Failed);
    assert!(
        store
            .jobs(&manual, 5, &Viewer::Admin)
            .await
            .expect("jobs")
            .is_empty()
    );

    // Not due at a minute the schedule does not name; never when disabled.
    source.source.schedule = Some("0 3 * * *".to_owned());
    assert!(
        store
            .update_source(source.clone(), &Viewer::Admin)
            .await
            .expect("update")
    );
    let noon = Local
        .with_ymd_and_hms(2030, 1, 1, 12, 0, 0)
        .single()
        .expect("time");
    assert!(tick(&store, noon).await.expect("tick").is_empty());
    let three = Local
        .with_ymd_and_hms(2030, 1, 1, 3, 0, 0)
        .single()
        .expect("time");
    source.source.enabled = false;
    assert!(
        store
            .update_source(source.clone(), &Viewer::Admin)
            .await
            .expect("update")
    );
    assert!(tick(&store, three).await.expect("tick").is_empty());
    source.source.enabled = true;
    assert!(
        store
            .update_source(source, &Viewer::Admin)
            .await
            .expect("update")
    );
    assert_eq!(tick(&store, three).await.expect("tick").len(), 1);
}
