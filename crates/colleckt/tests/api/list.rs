use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn pagination_links_and_meta_follow_the_seeds() {
    let app = TestApp::spawn().await;
    for i in 0..17 {
        let mut b = homer();
        b["vendor_reference"] = json!(format!("REF-{i:03}"));
        app.create(&b).await;
    }
    let (s, page1) = app.get("/api/v1/usps1583/verifications").await;
    assert_eq!(s, 200);
    assert_eq!(page1["data"].as_array().unwrap().len(), 15);
    // Newest first.
    assert_eq!(page1["data"][0]["vendor_reference"], "REF-016");
    let path = format!("{}/api/v1/usps1583/verifications", app.base);
    assert_eq!(
        page1["meta"],
        json!({"current_page": 1, "from": 1, "last_page": 2, "path": path,
        "per_page": 15, "to": 15, "total": 17})
    );
    assert_eq!(
        page1["links"],
        json!({"first": format!("{path}?page=1"), "last": format!("{path}?page=2"),
        "prev": null, "next": format!("{path}?page=2")})
    );
    let (_, page2) = app.get("/api/v1/usps1583/verifications?page=2").await;
    assert_eq!(page2["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        (page2["meta"]["from"].as_i64(), page2["meta"]["to"].as_i64()),
        (Some(16), Some(17))
    );
    assert_eq!(page2["links"]["next"], json!(null));
    let (_, big) = app.get("/api/v1/usps1583/verifications?per_page=100").await;
    assert_eq!(big["data"].as_array().unwrap().len(), 17);
    assert!(big["links"]["first"]
        .as_str()
        .unwrap()
        .contains("per_page=100"));
    let (_, empty) = app.get("/api/v1/usps1583/verifications?page=9").await;
    assert_eq!(
        (empty["data"].clone(), empty["meta"]["from"].clone()),
        (json!([]), json!(null))
    );
    assert_eq!(
        app.get("/api/v1/usps1583/verifications?per_page=101")
            .await
            .0,
        422
    );
    assert_eq!(
        app.get("/api/v1/usps1583/verifications?page=abc").await.0,
        422
    );
}

#[tokio::test]
async fn filters_and_all_flows() {
    let app = TestApp::spawn().await;
    let a = app.create(&homer()).await;
    let mut b = homer();
    b["vendor_reference"] = json!("CUST-42");
    let _b = app.create(&b).await;
    app.put(
        &format!("/api/v1/usps1583/verifications/{a}/cancel"),
        &actor("dup"),
    )
    .await;
    let count = |q: &'static str| {
        let app = &app;
        async move {
            let (s, v) = app.get(q).await;
            assert_eq!(s, 200, "{q}: {v}");
            v["meta"]["total"].as_i64().unwrap()
        }
    };
    assert_eq!(count("/api/v1/usps1583/verifications?status=7").await, 1);
    assert_eq!(count("/api/v1/usps1583/verifications?status=1").await, 1);
    assert_eq!(
        count("/api/v1/usps1583/verifications?vendor_reference=CUST-42").await,
        1
    );
    assert_eq!(count("/api/v1/usps1583/verifications?q=cust").await, 1);
    assert_eq!(count("/api/v1/usps1583/verifications?q=%25").await, 0);
    assert_eq!(
        count("/api/v1/usps1583/verifications?created_from=2000-01-01").await,
        2
    );
    assert_eq!(
        count("/api/v1/usps1583/verifications?created_to=2000-01-01").await,
        0
    );
    assert_eq!(count("/api/v1/verifications").await, 2);
    assert_eq!(count("/api/v1//verifications").await, 2);
    assert_eq!(count("/api/v1//verifications?status=7").await, 1);
    assert_eq!(
        app.get("/api/v1/usps1583/verifications?status=9").await.0,
        422
    );
}
