//! `paginate`: every page of a paginated operation through the pipeline, following the
//! model's token until the last page; a token seen before is an error naming the operation
//! (as botocore raises), never a silent stop or an endless loop.

use std::collections::HashSet;

use serde_json::Value;

use super::{CallError, CallOptions, Check, Service, Site};
use crate::model::Operation;

impl Service {
    /// All items of a paginated operation; the first page is checked in full, later pages for
    /// errors only (they differ by the token).
    pub fn paginate(
        &self,
        op: &'static Operation,
        input: &Value,
        site: Option<&Site>,
    ) -> Result<Vec<Value>, CallError> {
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
            let response = self.call(
                op,
                &request,
                &CallOptions::default().check(check).site(site),
            )?;
            check = Check::ErrorsOnly;
            if let Some(Value::Array(page)) = response.get(pager.result_key) {
                items.extend(page.iter().cloned());
            }
            match response.get(pager.output_token) {
                Some(Value::String(token)) if !token.is_empty() => {
                    // botocore raises here too: following the token again would loop forever.
                    if !seen.insert(token.clone()) {
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
                }
                _ => return Ok(items),
            }
        }
    }
}
