//! The value lists shell completion offers: operation and shape names after `describe` and
//! `ops`, the port languages after `port --lang`, the quota categories after `--quota` (the
//! category name, to which `=RPS` is added; and `none`). Added to the command tree only when completions are generated, so
//! parsing never checks against them (describe takes `Op.Member.Path` too). The languages
//! come from the caller (`commands`), since `port` sits above `cli`.

use clap::Command;
use clap::builder::PossibleValue;

use crate::model::{Model, QuotaTable};

/// `cmd` with the value lists set on the arguments that take them.
pub fn with_value_lists(cmd: Command, languages: &[&'static str]) -> Command {
    let model: &'static Model = Model::embedded();
    let ops: Vec<&'static str> = model.operations().iter().map(|op| op.name).collect();
    let mut names: Vec<&'static str> = ops.iter().copied().chain(model.shape_names()).collect();
    names.sort_unstable();
    names.dedup();
    let langs = languages.to_vec();
    let quotas: Vec<&'static str> = QuotaTable::embedded()
        .categories()
        .iter()
        .map(|c| c.name.as_str())
        .chain(["none"])
        .collect();
    cmd.mut_arg("quota", |a| a.value_parser(values(quotas)))
        .mut_subcommand("describe", |c| {
            c.mut_arg("name", |a| a.value_parser(values(names)))
        })
        .mut_subcommand("ops", |c| {
            c.mut_arg("filter", |a| a.value_parser(values(ops)))
        })
        .mut_subcommand("port", |c| {
            c.mut_arg("lang", |a| a.value_parser(values(langs)))
        })
}

fn values(list: Vec<&'static str>) -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(list.into_iter().map(PossibleValue::new))
}
