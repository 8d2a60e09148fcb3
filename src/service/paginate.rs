//! `paginate`: every page of a paginated operation through the pipeline, following the
//! model's token until the last page; a token seen before is an error naming the operation
//! (as botocore raises), never a silent stop or an endless loop. Each page is decoded straight
//! into what the caller's builder builds (the script's value for a script), and the token is
//! read from that: no `Value` of the page in between.

use std::collections::HashSet;

use serde_json::Value;

use super::{CallError, CallOptions, Check, Service, Site};
use crate::aws::{self, Build};
use crate::model::Operation;

/// What [`Service::paginate_into`] reads of a page its builder built.
pub trait Pages: Build {
    /// `page` taken apart: the list under `items` (empty when absent or no list) and the
    /// non-empty string under `token` (`None` on the last page).
    fn split(
        &self,
        page: Self::Value,
        items: &str,
        token: &str,
    ) -> (Vec<Self::Value>, Option<String>);
}

impl Pages for aws::Json {
    fn split(&self, page: Value, items: &str, token: &str) -> (Vec<Value>, Option<String>) {
        let Value::Object(mut page) = page else {
            return (Vec::new(), None);
        };
        let list = match page.remove(items) {
            Some(Value::Array(list)) => list,
            _ => Vec::new(),
        };
        let next = match page.remove(token) {
            Some(Value::String(next)) if !next.is_empty() => Some(next),
            _ => None,
        };
        (list, next)
    }
}

impl Service {
    /// All items of a paginated operation as `Value`s (see [`Service::paginate_into`]).
    pub fn paginate(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
    ) -> Result<Vec<Value>, CallError> {
        self.paginate_into(op, input, site, &aws::Json)
    }

    /// All items of a paginated operation, each built by `builder`; the first page is checked
    /// in full, later pages for errors only (they differ by the token).
    pub fn paginate_into<B: Pages>(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
        builder: &B,
    ) -> Result<Vec<B::Value>, CallError> {
        let Some(pager) = self.ctx.model.paginator(op) else {
            return Err(CallError::bad_input(
                op.name,
                format!("{} does not paginate; call it with cognito.call", op.name),
            ));
        };
        let mut request = input.clone();
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut check = Check::Full;
        loop {
            let page = self.call_into(
                op,
                &request,
                &CallOptions::default().check(check).site(site),
                builder,
            )?;
            check = Check::ErrorsOnly;
            let (list, next) = builder.split(page, pager.result_key, pager.output_token);
            if items.is_empty() {
                items = list; // no copy of the first (often the only) page
            } else {
                items.extend(list);
            }
            let Some(token) = next else {
                return Ok(items);
            };
            // botocore raises here too: following the token again would loop forever.
            if seen.contains(&token) {
                return Err(CallError::bad_input(
                    op.name,
                    format!(
                        "the service returned the same {} twice; stopping instead of \
                         looping (the {} item(s) read so far are not returned)",
                        pager.output_token,
                        items.len()
                    ),
                ));
            }
            request[pager.input_token] = Value::String(token.clone());
            seen.insert(token);
        }
    }
}
