use crate::helpers::*;
use reqwest::Method;

/// Fires twenty identical actions at once; each would be allowed from the
/// starting status, so only the version guard keeps two from both winning.
async fn race(action: &str, expected_status: &str) {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let mut tasks = vec![];
    for i in 0..20 {
        let client = app.client.clone();
        let url = app.url(&format!("{path}/{action}"));
        let token = app.token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .request(Method::PUT, url)
                .bearer_auth(token)
                .json(&actor(&format!("racer {i}")))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = vec![];
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 400),
        "{statuses:?}"
    );
    let (_, got) = app.get(&path).await;
    assert_eq!(got["data"]["status_label"], expected_status);
    let history = got["data"]["history"].as_array().unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0]["from_status"], "Started");
    assert_eq!(history[0]["to_status"], expected_status);
    assert_eq!(got["data"]["comments"].as_array().unwrap().len(), 1);
    for doc in got["data"]["documents"].as_array().unwrap() {
        assert!(doc["decisions"].as_array().unwrap().len() <= 1);
    }
}

#[tokio::test]
async fn twenty_concurrent_cancels_exactly_one_wins() {
    race("cancel", "Canceled").await;
}

#[tokio::test]
async fn twenty_concurrent_approvals_exactly_one_wins() {
    race("approve", "Approved").await;
}
