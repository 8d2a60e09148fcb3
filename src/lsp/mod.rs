//! `pooler lsp`: a language server over stdio (LSP 3.17, full-text sync) for pooler scripts.
//! One synchronous loop on `lsp-server`, one handler per request; the analysis is the one the
//! REPL and the call service use: the REPL's completion, the model's documentation and
//! validation, the service's lints, the registry of script functions. Nothing is run and
//! nothing is sent.

mod complete;
mod diagnostics;
mod hover;
mod literals;
mod names;
mod symbols;
mod text;

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Request as _,
    SignatureHelpRequest,
};
use lsp_types::{
    CompletionOptions, CompletionResponse, DocumentSymbolResponse, GotoDefinitionResponse,
    HoverProviderCapability, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    SignatureHelpOptions, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};

use crate::model::Model;

pub use diagnostics::diagnostics;

/// The completion items at `position` of `text` (a document in `dir`), as a request gets them.
pub fn completion_at(
    text: &str,
    position: lsp_types::Position,
    dir: Option<&std::path::Path>,
    model: &Model,
) -> Vec<lsp_types::CompletionItem> {
    let names = names::names(text, dir);
    complete::items(text, text::offset(text, position), model, &names)
}

/// What the server tells the client it can do.
pub fn capabilities() -> ServerCapabilities {
    let chars = |list: &[&str]| Some(list.iter().map(|c| c.to_string()).collect());
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: chars(&[".", ":", "\"", "{", ","]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        signature_help_provider: Some(SignatureHelpOptions {
            trigger_characters: chars(&["(", ","]),
            ..SignatureHelpOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves the client on stdin/stdout until `shutdown` and `exit`: exit code 0, or 1 after a
/// protocol error (reported on stderr).
pub fn serve(model: &Model) -> i32 {
    let (connection, io) = Connection::stdio();
    let code = match run(&connection, model) {
        Ok(()) => 0,
        Err(e) => {
            // Short: a protocol error can quote a whole message, document text included.
            let text = e.to_string();
            let head = text.split(", got").next().unwrap_or_default();
            let cut: String = head.chars().take(160).collect();
            let more = if cut.len() < text.len() { " …" } else { "" };
            eprintln!("error: pooler lsp: {cut}{more}");
            1
        }
    };
    drop(connection);
    if let Err(e) = io.join() {
        eprintln!("error: pooler lsp: {e}");
        return 1;
    }
    code
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

fn run(connection: &Connection, model: &Model) -> Result<(), Failure> {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "pooler", "version": env!("CARGO_PKG_VERSION")},
    });
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(id, init)?;
    let mut server = Server {
        connection,
        model,
        documents: HashMap::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                server.request(request)?;
            }
            Message::Notification(n) => server.notification(n)?,
            Message::Response(_) => {}
        }
    }
    Ok(())
}

struct Server<'a> {
    connection: &'a Connection,
    model: &'a Model,
    documents: HashMap<Uri, String>,
}

/// The folder of a `file:` document, for relative imports.
fn folder(uri: &Uri) -> Option<PathBuf> {
    let path = uri.as_str().strip_prefix("file://")?;
    let path = PathBuf::from(path.replace("%20", " "));
    path.parent().map(PathBuf::from)
}

impl Server<'_> {
    fn request(&mut self, request: Request) -> Result<(), Failure> {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(request.params)?;
                let at = &p.text_document_position;
                let dir = folder(&at.text_document.uri);
                let items = self
                    .documents
                    .get(&at.text_document.uri)
                    .map(|text| completion_at(text, at.position, dir.as_deref(), self.model));
                serde_json::to_value(items.map(CompletionResponse::Array))?
            }
            HoverRequest::METHOD => {
                let p: lsp_types::HoverParams = serde_json::from_value(request.params)?;
                self.at(&p.text_document_position_params, |text, offset, _, s| {
                    serde_json::to_value(hover::hover(text, offset, s.model))
                })?
            }
            SignatureHelpRequest::METHOD => {
                let p: lsp_types::SignatureHelpParams = serde_json::from_value(request.params)?;
                self.at(&p.text_document_position_params, |text, offset, _, s| {
                    serde_json::to_value(symbols::signature_help(text, offset, s.model))
                })?
            }
            GotoDefinition::METHOD => {
                let p: lsp_types::GotoDefinitionParams = serde_json::from_value(request.params)?;
                self.at(&p.text_document_position_params, |text, offset, uri, _| {
                    let found = symbols::definition(uri, folder(uri).as_deref(), text, offset);
                    serde_json::to_value(found.map(GotoDefinitionResponse::Scalar))
                })?
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams = serde_json::from_value(request.params)?;
                let text = self.documents.get(&p.text_document.uri);
                let list = text.map(|t| DocumentSymbolResponse::Nested(symbols::symbols(t)));
                serde_json::to_value(list)?
            }
            _ => {
                let message = format!("pooler lsp does not handle `{}`", request.method);
                let error =
                    Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, message);
                self.connection.sender.send(error.into())?;
                return Ok(());
            }
        };
        self.respond(id, result)
    }

    /// Runs `f` on the document and byte offset of `at` (null when the document is unknown).
    fn at(
        &self,
        at: &TextDocumentPositionParams,
        f: impl Fn(&str, usize, &Uri, &Self) -> serde_json::Result<serde_json::Value>,
    ) -> serde_json::Result<serde_json::Value> {
        match self.documents.get(&at.text_document.uri) {
            Some(text) => {
                let offset = text::offset(text, at.position);
                f(text, offset, &at.text_document.uri, self)
            }
            None => Ok(serde_json::Value::Null),
        }
    }

    fn respond(&self, id: RequestId, result: serde_json::Value) -> Result<(), Failure> {
        let response = Response::new_ok(id, result);
        self.connection.sender.send(response.into())?;
        Ok(())
    }

    fn notification(&mut self, n: Notification) -> Result<(), Failure> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                self.documents.insert(uri.clone(), p.text_document.text);
                self.publish(uri, Some(p.text_document.version))?;
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let uri = p.text_document.uri;
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.documents.insert(uri.clone(), change.text);
                }
                self.publish(uri, Some(p.text_document.version))?;
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                self.documents.remove(&p.text_document.uri);
                let clear = PublishDiagnosticsParams::new(p.text_document.uri, Vec::new(), None);
                self.notify::<PublishDiagnostics>(clear)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn publish(&self, uri: Uri, version: Option<i32>) -> Result<(), Failure> {
        let text = self
            .documents
            .get(&uri)
            .map(String::as_str)
            .unwrap_or_default();
        let found = diagnostics::diagnostics(text, self.model);
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams::new(uri, found, version))
    }

    fn notify<N: lsp_types::notification::Notification>(
        &self,
        params: N::Params,
    ) -> Result<(), Failure> {
        let n = Notification::new(N::METHOD.to_string(), params);
        self.connection.sender.send(n.into())?;
        Ok(())
    }
}
