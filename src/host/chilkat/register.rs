//! Registers the four Chilkat classes, each constructor, method and alias with its doc, so
//! completion, `:help` and `pooler definitions` list them; properties are getters and setters.

use std::cell::RefCell;
use std::rc::Rc;

use rhai::{FLOAT, INT, ImmutableString, NativeCallContext};
use serde_json::Value;

use super::{CkAuthAws, CkJsonObject, CkRest, CkStringBuilder, RestState, Result, fail};
use crate::host::cognito::Cognito;
use crate::host::registry::{FnDoc, Registrar, global, method};
use crate::json_doc::{DocError, number_from_text};

const fn json(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    method("CkJsonObject", name, signature, summary)
}

const fn sb(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    method("CkStringBuilder", name, signature, summary)
}

const fn rest(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    method("CkRest", name, signature, summary)
}

/// Registers the four Chilkat classes; `CkRest` sends with `cognito`. With `region_override`
/// (`--region` given) the user's region wins over the program's AuthAws region and host.
pub fn register(reg: &mut Registrar<'_>, cognito: Cognito, region_override: bool) {
    reg.func(
        global(
            "CkJsonObject",
            "CkJsonObject()",
            "Chilkat's JSON object for ported programs (UpdateString, StringOf, Emit, …)",
        ),
        CkJsonObject::new,
    );
    reg.func(
        global(
            "CkStringBuilder",
            "CkStringBuilder()",
            "Chilkat's string builder (Append, GetAsString, …)",
        ),
        || CkStringBuilder(Rc::new(RefCell::new(String::new()))),
    );
    reg.func(
        global(
            "CkAuthAws",
            "CkAuthAws()",
            "Chilkat's AWS signing settings (Region, ServiceName; keys come from the AWS chain)",
        ),
        CkAuthAws::default,
    );
    reg.func(
        global(
            "CkRest",
            "CkRest() / CkRest(client)",
            "Chilkat's REST object: Connect, AddHeader, FullRequestSb send through pooler's client (or `client`)",
        ),
        move || CkRest {
            state: Rc::new(RefCell::new(RestState::default())),
            cognito: cognito.clone(),
            region_override,
        },
    )
    // A CkRest that sends through another client (`cognito.with(#{ lenient: true })`).
    .or(move |client: Cognito| CkRest {
        state: Rc::new(RefCell::new(RestState::default())),
        cognito: client,
        region_override,
    });
    register_json(reg);
    register_sb(reg);
    register_auth(reg);
    register_rest(reg);
}

fn register_json(reg: &mut Registrar<'_>) {
    reg.engine()
        .register_type_with_name::<CkJsonObject>("CkJsonObject")
        .register_fn("to_string", |j: &mut CkJsonObject| j.emit());
    reg.func(
        json(
            "UpdateString",
            "j.UpdateString(path, text)",
            "writes text at a path, creating what is missing; true",
        ),
        |j: &mut CkJsonObject, p: &str, v: &str| j.write(p, Value::String(v.to_string())),
    );
    reg.func(
        json(
            "UpdateInt",
            "j.UpdateInt(path, n)",
            "writes an integer at a path",
        ),
        |j: &mut CkJsonObject, p: &str, v: INT| j.write(p, Value::Number(v.into())),
    );
    reg.func(
        json(
            "UpdateBool",
            "j.UpdateBool(path, b)",
            "writes true or false at a path",
        ),
        |j: &mut CkJsonObject, p: &str, v: bool| j.write(p, Value::Bool(v)),
    );
    reg.func(
        json(
            "UpdateNumber",
            "j.UpdateNumber(path, n)",
            "writes a number (or numeric text) at a path",
        ),
        |j: &mut CkJsonObject, p: &str, v: &str| {
            let n = number_from_text(v).map_err(fail)?;
            j.write(p, Value::Number(n))
        },
    )
    .or(|j: &mut CkJsonObject, p: &str, v: INT| j.write(p, Value::Number(v.into())))
    .or(|j: &mut CkJsonObject, p: &str, v: FLOAT| -> Result<bool> {
        let n = serde_json::Number::from_f64(v)
            .ok_or_else(|| fail(DocError::NotANumber(v.to_string())))?;
        j.write(p, Value::Number(n))
    });
    reg.func(
        json("UpdateNull", "j.UpdateNull(path)", "writes null at a path"),
        |j: &mut CkJsonObject, p: &str| j.write(p, Value::Null),
    );
    reg.func(
        json(
            "UpdateNewObject",
            "j.UpdateNewObject(path)",
            "writes an empty object at a path",
        ),
        |j: &mut CkJsonObject, p: &str| j.write(p, Value::Object(serde_json::Map::new())),
    );
    reg.func(
        json(
            "UpdateNewArray",
            "j.UpdateNewArray(path)",
            "writes an empty array at a path",
        ),
        |j: &mut CkJsonObject, p: &str| j.write(p, Value::Array(Vec::new())),
    );
    let string_of = |j: &mut CkJsonObject, p: &str| j.0.borrow().0.string_of(p).map_err(fail);
    let int_of =
        |j: &mut CkJsonObject, p: &str| -> Result<INT> { j.0.borrow().0.int_of(p).map_err(fail) };
    let bool_of = |j: &mut CkJsonObject, p: &str| j.0.borrow().0.bool_of(p).map_err(fail);
    let size_of_array = |j: &mut CkJsonObject, p: &str| -> Result<INT> {
        j.0.borrow().0.size_of_array(p).map_err(fail)
    };
    reg.func(
        json("StringOf", "j.StringOf(path)", "the text at a path"),
        string_of,
    );
    reg.func(
        json("IntOf", "j.IntOf(path)", "the integer at a path"),
        int_of,
    );
    reg.func(
        json("BoolOf", "j.BoolOf(path)", "the boolean at a path"),
        bool_of,
    );
    reg.func(
        json(
            "SizeOfArray",
            "j.SizeOfArray(path)",
            "the length of the array at a path (-1 when none)",
        ),
        size_of_array,
    );
    reg.func(
        json("HasMember", "j.HasMember(path)", "whether a path exists"),
        |j: &mut CkJsonObject, p: &str| j.0.borrow().0.has_member(p).map_err(fail),
    );
    reg.func(
        json("Delete", "j.Delete(path)", "removes a member"),
        |j: &mut CkJsonObject, p: &str| j.0.borrow_mut().0.delete(p).map_err(fail),
    );
    reg.func(
        json(
            "Emit",
            "j.Emit()",
            "the document as JSON (one line when EmitCompact is true)",
        ),
        |j: &mut CkJsonObject| j.emit(),
    );
    reg.func(
        json(
            "EmitSb",
            "j.EmitSb(sb)",
            "appends the document's JSON to a CkStringBuilder",
        ),
        |j: &mut CkJsonObject, sb: CkStringBuilder| {
            sb.0.borrow_mut().push_str(&j.emit());
            true
        },
    );
    reg.func(
        json(
            "Load",
            "j.Load(text)",
            "replaces the document with parsed JSON text; false when it does not parse",
        ),
        |j: &mut CkJsonObject, text: &str| j.load(text),
    );
    reg.func(
        json(
            "LoadSb",
            "j.LoadSb(sb)",
            "replaces the document with a CkStringBuilder's JSON",
        ),
        |j: &mut CkJsonObject, sb: CkStringBuilder| {
            let text = sb.0.borrow().clone();
            j.load(&text)
        },
    );
    // The spellings of Chilkat's other languages.
    reg.func(
        json(
            "emit",
            "j.emit()",
            "Emit, as Chilkat's Java and Python spell it",
        ),
        |j: &mut CkJsonObject| j.emit(),
    );
    reg.func(
        json(
            "stringOf",
            "j.stringOf(path)",
            "StringOf, as Chilkat's Java and Python spell it",
        ),
        string_of,
    );
    reg.func(
        json(
            "intOf",
            "j.intOf(path)",
            "IntOf, as Chilkat's Java and Python spell it",
        ),
        int_of,
    );
    reg.func(
        json(
            "boolOf",
            "j.boolOf(path)",
            "BoolOf, as Chilkat's Java and Python spell it",
        ),
        bool_of,
    );
    reg.func(
        json(
            "sizeOfArray",
            "j.sizeOfArray(path)",
            "SizeOfArray, as Chilkat's Java and Python spell it",
        ),
        size_of_array,
    );
    let engine = reg.engine();
    engine.register_get("LastErrorText", |_: &mut CkJsonObject| String::new());
    macro_rules! index {
        ($name:literal, $field:ident) => {
            engine.register_get_set(
                $name,
                |j: &mut CkJsonObject| j.0.borrow().0.$field,
                |j: &mut CkJsonObject, v: INT| j.0.borrow_mut().0.$field = v,
            );
        };
    }
    index!("I", i);
    index!("J", j);
    index!("K", k);
    engine.register_get("DelimiterChar", |j: &mut CkJsonObject| {
        j.0.borrow().0.delimiter.to_string()
    });
    engine.register_set(
        "DelimiterChar",
        |j: &mut CkJsonObject, v: ImmutableString| -> Result<()> {
            j.0.borrow_mut().0.set_delimiter(&v).map_err(fail)
        },
    );
    engine.register_get_set(
        "EmitCompact",
        |j: &mut CkJsonObject| j.0.borrow().1,
        |j: &mut CkJsonObject, v: bool| j.0.borrow_mut().1 = v,
    );
}

fn register_sb(reg: &mut Registrar<'_>) {
    reg.engine()
        .register_type_with_name::<CkStringBuilder>("CkStringBuilder")
        .register_fn("to_string", |sb: &mut CkStringBuilder| {
            sb.0.borrow().clone()
        })
        .register_get("Length", |sb: &mut CkStringBuilder| {
            sb.0.borrow().chars().count() as INT
        });
    reg.func(
        sb("Append", "sb.Append(text)", "appends text; true"),
        |sb: &mut CkStringBuilder, s: &str| {
            sb.0.borrow_mut().push_str(s);
            true
        },
    );
    let get = |sb: &mut CkStringBuilder| sb.0.borrow().clone();
    reg.func(sb("GetAsString", "sb.GetAsString()", "the text built"), get);
    reg.func(
        sb(
            "getAsString",
            "sb.getAsString()",
            "GetAsString, as Chilkat's Java and Python spell it",
        ),
        get,
    );
    reg.func(
        sb("Clear", "sb.Clear()", "empties the builder"),
        |sb: &mut CkStringBuilder| sb.0.borrow_mut().clear(),
    );
}

fn register_auth(reg: &mut Registrar<'_>) {
    let engine = reg.engine();
    engine.register_type_with_name::<CkAuthAws>("CkAuthAws");
    engine.register_get("Region", |a: &mut CkAuthAws| a.0.borrow().0.clone());
    engine.register_set("Region", |a: &mut CkAuthAws, v: ImmutableString| {
        a.0.borrow_mut().0 = v.to_string()
    });
    engine.register_get("ServiceName", |a: &mut CkAuthAws| a.0.borrow().1.clone());
    engine.register_set("ServiceName", |a: &mut CkAuthAws, v: ImmutableString| {
        a.0.borrow_mut().1 = v.to_string()
    });
    // Keys come from the AWS chain; whatever a script sets is dropped, never stored or shown.
    for key in ["AccessKey", "SecretKey"] {
        engine.register_get(key, |_: &mut CkAuthAws| String::new());
        engine.register_set(key, |_: &mut CkAuthAws, _: ImmutableString| {});
    }
}

fn register_rest(reg: &mut Registrar<'_>) {
    reg.engine().register_type_with_name::<CkRest>("CkRest");
    reg.func(
        rest(
            "Connect",
            "r.Connect(host, port, tls, reconnect)",
            "remembers the host (its region picks the endpoint); nothing is opened yet",
        ),
        |r: &mut CkRest, host: &str, _port: INT, _tls: bool, _reconnect: bool| {
            r.state.borrow_mut().host = host.to_string();
            true
        },
    );
    reg.func(
        rest(
            "SetAuthAws",
            "r.SetAuthAws(auth)",
            "signs with a CkAuthAws's region and service (keys from the AWS chain)",
        ),
        |r: &mut CkRest, a: CkAuthAws| {
            r.state.borrow_mut().auth = Some(a);
            true
        },
    );
    reg.func(
        rest(
            "AddHeader",
            "r.AddHeader(name, value)",
            "adds a request header (X-Amz-Target names the operation)",
        ),
        |r: &mut CkRest, name: &str, value: &str| {
            r.state
                .borrow_mut()
                .headers
                .push((name.to_string(), value.to_string()));
            true
        },
    );
    reg.func(
        rest(
            "ClearAllHeaders",
            "r.ClearAllHeaders()",
            "forgets the headers added",
        ),
        |r: &mut CkRest| {
            r.state.borrow_mut().headers.clear();
            true
        },
    );
    reg.func(
        rest(
            "FullRequestSb",
            "r.FullRequestSb(verb, path, request, response)",
            "sends a CkStringBuilder's body through pooler's client, the answer into `response`; true on success",
        ),
        |ctx: NativeCallContext,
         r: &mut CkRest,
         _verb: &str,
         _path: &str,
         req: CkStringBuilder,
         resp: CkStringBuilder|
         -> Result<bool> {
            let body = req.0.borrow().clone();
            let (ok, out) = r.send(&ctx, &body)?;
            *resp.0.borrow_mut() = out;
            Ok(ok)
        },
    );
    reg.func(
        rest(
            "FullRequestString",
            "r.FullRequestString(verb, path, body)",
            "sends a body through pooler's client; the answer's text",
        ),
        |ctx: NativeCallContext,
         r: &mut CkRest,
         _verb: &str,
         _path: &str,
         body: &str|
         -> Result<String> { Ok(r.send(&ctx, body)?.1) },
    );
    // Each getter as a property and in the other spellings Chilkat ships
    // (`get_X()`, `X()`, `x()`), each spelling documented.
    macro_rules! getter {
        ($prop:literal, $about:literal, [$(($alias:literal, $sig:literal)),*], $f:expr) => {
            reg.engine().register_get($prop, $f);
            $(reg.func(rest($alias, $sig, $about), $f);)*
        };
    }
    getter!(
        "ResponseStatusCode",
        "the last answer's HTTP status (also the property ResponseStatusCode)",
        [
            ("get_ResponseStatusCode", "r.get_ResponseStatusCode()"),
            ("ResponseStatusCode", "r.ResponseStatusCode()"),
            ("responseStatusCode", "r.responseStatusCode()")
        ],
        |r: &mut CkRest| r.state.borrow().status
    );
    getter!(
        "LastErrorText",
        "why the last request failed, empty after a success (also the property LastErrorText)",
        [
            ("get_LastErrorText", "r.get_LastErrorText()"),
            ("LastErrorText", "r.LastErrorText()"),
            ("lastErrorText", "r.lastErrorText()")
        ],
        |r: &mut CkRest| r.state.borrow().last_error.clone()
    );
    getter!(
        "ResponseHeader",
        "the last answer's headers (also the property ResponseHeader)",
        [
            ("get_ResponseHeader", "r.get_ResponseHeader()"),
            ("ResponseHeader", "r.ResponseHeader()"),
            ("responseHeader", "r.responseHeader()")
        ],
        |r: &mut CkRest| r.state.borrow().response_header.clone()
    );
    getter!(
        "ConnectFailReason",
        "why the connection failed, Chilkat's codes (also the property ConnectFailReason)",
        [
            ("get_ConnectFailReason", "r.get_ConnectFailReason()"),
            ("ConnectFailReason", "r.ConnectFailReason()"),
            ("connectFailReason", "r.connectFailReason()")
        ],
        |r: &mut CkRest| r.state.borrow().connect_fail
    );
    getter!(
        "LastMethodSuccess",
        "whether the last request succeeded (also the property LastMethodSuccess)",
        [
            ("get_LastMethodSuccess", "r.get_LastMethodSuccess()"),
            ("LastMethodSuccess", "r.LastMethodSuccess()"),
            ("lastMethodSuccess", "r.lastMethodSuccess()")
        ],
        |r: &mut CkRest| r.state.borrow().last_success
    );
}
