//! Chilkat method and property names in all their per-language spellings
//! (`UpdateString`, `updateString`, `CkJsonObject_UpdateString`, `ComUpdateString`,
//! `put_I`, `putI`, `SetI`, …) reduced to one canonical name.

/// A Chilkat method the porter understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    UpdateString,
    UpdateInt,
    UpdateBool,
    UpdateNumber,
    UpdateNull,
    UpdateNewObject,
    UpdateNewArray,
    StringOf,
    IntOf,
    BoolOf,
    SizeOfArray,
    HasMember,
    AddHeader,
    Connect,
    SetAuthAws,
    Emit,
    EmitSb,
    Load,
    LoadSb,
    FullRequestSb,
    FullRequestString,
}

/// A Chilkat property the porter understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prop {
    I,
    J,
    K,
    DelimiterChar,
    EmitCompact,
    Region,
    AccessKey,
    SecretKey,
    ServiceName,
}

/// The Chilkat classes the porter knows, by the methods it sees called on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Json,
    Rest,
    AuthAws,
    StringBuilder,
}

const METHODS: &[(&str, Method)] = &[
    ("updatestring", Method::UpdateString),
    ("updateint", Method::UpdateInt),
    ("updatebool", Method::UpdateBool),
    ("updatenumber", Method::UpdateNumber),
    ("updatenull", Method::UpdateNull),
    ("updatenewobject", Method::UpdateNewObject),
    ("updatenewarray", Method::UpdateNewArray),
    ("stringof", Method::StringOf),
    ("intof", Method::IntOf),
    ("boolof", Method::BoolOf),
    ("sizeofarray", Method::SizeOfArray),
    ("hasmember", Method::HasMember),
    ("addheader", Method::AddHeader),
    ("connect", Method::Connect),
    ("setauthaws", Method::SetAuthAws),
    ("emit", Method::Emit),
    ("emitsb", Method::EmitSb),
    ("load", Method::Load),
    ("loadsb", Method::LoadSb),
    ("fullrequestsb", Method::FullRequestSb),
    ("fullrequeststring", Method::FullRequestString),
];

const PROPS: &[(&str, Prop)] = &[
    ("i", Prop::I),
    ("j", Prop::J),
    ("k", Prop::K),
    ("delimiterchar", Prop::DelimiterChar),
    ("emitcompact", Prop::EmitCompact),
    ("region", Prop::Region),
    ("accesskey", Prop::AccessKey),
    ("secretkey", Prop::SecretKey),
    ("servicename", Prop::ServiceName),
];

/// A Chilkat getter the porter translates (a property read, in any spelling).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Getter {
    /// `CkRest.ResponseStatusCode`
    Status,
    /// `CkRest.ResponseHeader`
    Header,
    /// `LastErrorText` of any object
    LastError,
    /// `CkRest.ConnectFailReason`
    ConnectFail,
    /// `CkStringBuilder.GetAsString()`
    AsString,
    /// `LastMethodSuccess` of any object
    LastSuccess,
}

const GETTERS: &[(&str, Getter)] = &[
    ("responsestatuscode", Getter::Status),
    ("responseheader", Getter::Header),
    ("lasterrortext", Getter::LastError),
    ("connectfailreason", Getter::ConnectFail),
    ("getasstring", Getter::AsString),
    ("lastmethodsuccess", Getter::LastSuccess),
];

/// The getter `name` spells: `ResponseStatusCode`, `get_ResponseStatusCode`,
/// `responseStatusCode`, `CkRest_get_ResponseStatusCode`, `ckResponseStatusCode`,
/// `ComResponseStatusCode`, `getResponseStatusCode`.
pub fn getter(name: &str) -> Option<Getter> {
    let b = bare(name);
    lookup(GETTERS, &b).or_else(|| {
        ["get_", "get", "ck", "com"]
            .iter()
            .find_map(|p| b.strip_prefix(p).and_then(|r| lookup(GETTERS, r)))
    })
}

/// Methods called on Chilkat objects that only handle errors, status or memory: dropped.
const BOILERPLATE: &[&str] = &["dispose", "unlockcomponent", "connecttonewobject"];

/// Class-name prefixes of the C, Tcl, PureBasic and DLL APIs (`CkJsonObject_`, `CkRestW_`).
const CLASS_PREFIXES: &[&str] = &["ckjsonobject", "ckrest", "ckauthaws", "ckstringbuilder"];

/// The lowercase name without sigils and without a C-style class prefix.
fn bare(name: &str) -> String {
    let lower = name
        .trim_start_matches(['$', '@', '#', '&'])
        .to_ascii_lowercase();
    for prefix in CLASS_PREFIXES {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.strip_prefix('w').unwrap_or(rest);
            if let Some(rest) = rest.strip_prefix('_') {
                return rest.trim_start_matches('_').to_string();
            }
        }
    }
    lower
}

/// True when `name` is a C-style function name that carries its class (`CkJsonObject_…`).
pub fn has_class_prefix(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    CLASS_PREFIXES.iter().any(|p| lower.starts_with(p)) && lower.contains('_')
}

/// True when `name` is a bare class name (`CkJsonObject`, as in PureBasic's `CkJsonObject::`).
pub fn is_class_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    CLASS_PREFIXES.contains(&lower.as_str())
}

fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// The method `name` spells, in any language's form.
pub fn method(name: &str) -> Option<Method> {
    let b = bare(name);
    lookup(METHODS, &b)
        .or_else(|| b.strip_prefix("com").and_then(|r| lookup(METHODS, r)))
        .or_else(|| b.strip_prefix("ck").and_then(|r| lookup(METHODS, r)))
}

/// Swift's readers: Objective-C's `stringOf:` imported as `string(of:)`, and so on.
pub fn swift_reader(name: &str) -> Option<Method> {
    match name {
        "string" => Some(Method::StringOf),
        "int" => Some(Method::IntOf),
        "bool" => Some(Method::BoolOf),
        _ => None,
    }
}

/// The property a setter function spells (`put_I`, `putI`, `SetI`, `setCkI`, `ComI`).
pub fn setter(name: &str) -> Option<Prop> {
    let b = bare(name);
    ["put_", "put", "set_", "setck", "set", "com"]
        .iter()
        .find_map(|p| b.strip_prefix(p).and_then(|r| lookup(PROPS, r)))
}

/// The property `name` names directly (`I`, `DelimiterChar`, `region`).
pub fn property(name: &str) -> Option<Prop> {
    lookup(PROPS, &bare(name))
}

/// True for methods and properties that only handle errors, status or memory.
pub fn is_boilerplate(name: &str) -> bool {
    let b = bare(name);
    BOILERPLATE.contains(&b.as_str())
        || b.starts_with("dispose")
        || BOILERPLATE
            .iter()
            .any(|m| b.strip_prefix("get").is_some_and(|r| r == *m))
}

impl Method {
    /// How many literal arguments a complete call has.
    pub fn arity(self) -> usize {
        use Method::*;
        match self {
            UpdateString | UpdateInt | UpdateBool | UpdateNumber | AddHeader => 2,
            UpdateNull | UpdateNewObject | UpdateNewArray | StringOf | IntOf | BoolOf
            | SizeOfArray | HasMember | Connect => 1,
            _ => 0,
        }
    }

    /// The class this method belongs to.
    pub fn class(self) -> Class {
        use Method::*;
        match self {
            AddHeader | Connect | SetAuthAws | FullRequestSb | FullRequestString => Class::Rest,
            _ => Class::Json,
        }
    }

    /// True for the writers.
    pub fn is_write(self) -> bool {
        use Method::*;
        matches!(
            self,
            UpdateString
                | UpdateInt
                | UpdateBool
                | UpdateNumber
                | UpdateNull
                | UpdateNewObject
                | UpdateNewArray
        )
    }

    /// True for the readers.
    pub fn is_read(self) -> bool {
        use Method::*;
        matches!(self, StringOf | IntOf | BoolOf | SizeOfArray | HasMember)
    }

    /// Chilkat's name for it.
    pub fn name(self) -> String {
        format!("{self:?}")
    }
}
