//! A bound on how long a request may take to be answered (its head; a streamed body may take longer): past it the
//! handler is dropped, its transaction rolled back, and the caller gets 503 `timeout` with Retry-After.

use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::http::error::{ApiError, ErrorCode};

/// How long a request may take to be answered.
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeout(pub Duration);

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(limit) = req.app_data::<web::Data<RequestTimeout>>().map(|t| t.0) else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let path = req.path().to_owned();
    match tokio::time::timeout(limit, next.call(req)).await {
        Ok(response) => response.map(ServiceResponse::map_into_boxed_body),
        Err(_) => {
            tracing::warn!(%path, limit_ms = limit.as_millis() as u64, "request timed out");
            let detail = format!("the request was not answered within {} s; try again", limit.as_secs_f64());
            Err(ApiError::new(ErrorCode::Timeout, detail).into())
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, test};

    use super::*;

    #[actix_web::test]
    async fn a_slow_handler_is_cut_off_with_a_problem() {
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(RequestTimeout(Duration::from_millis(50))))
                .wrap(actix_web::middleware::from_fn(middleware))
                .route(
                    "/slow",
                    web::get().to(|| async {
                        tokio::time::sleep(Duration::from_millis(500)).await;
                        HttpResponse::Ok().finish()
                    }),
                )
                .route("/quick", web::get().to(|| async { HttpResponse::Ok().finish() })),
        )
        .await;
        // Answered as the server answers any error: with its problem.
        let error = test::try_call_service(&app, test::TestRequest::get().uri("/slow").to_request()).await.unwrap_err();
        let slow = error.error_response();
        assert_eq!(slow.status(), 503);
        assert_eq!(slow.headers().get("retry-after").unwrap(), "5");
        assert_eq!(slow.headers().get("content-type").unwrap(), "application/problem+json");
        let body = actix_web::body::to_bytes(slow.into_body()).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["code"], "timeout");
        let quick = test::call_service(&app, test::TestRequest::get().uri("/quick").to_request()).await;
        assert_eq!(quick.status(), 200);
    }
}
