//! The ceiling: a minimal actix-web server answering every GET with the same bytes from memory, as many workers
//! as intercoop runs. `ceiling ADDRESS FILE CONTENT-TYPE`.

use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, address, file, content_type] = args.as_slice() else {
        eprintln!("usage: ceiling ADDRESS FILE CONTENT-TYPE");
        std::process::exit(2);
    };
    let body = web::Bytes::from(std::fs::read(file)?);
    let content_type = content_type.clone();
    HttpServer::new(move || {
        let (body, content_type) = (body.clone(), content_type.clone());
        App::new().default_service(web::to(move || {
            let (body, content_type) = (body.clone(), content_type.clone());
            async move { HttpResponse::Ok().content_type(content_type).body(body) }
        }))
    })
    .bind(address.as_str())?
    .run()
    .await
}
