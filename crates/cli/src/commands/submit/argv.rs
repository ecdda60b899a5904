//! A command line cut into its options by clap's own definitions: which tokens belong to which
//! option (`--out DIR`, `--out=DIR`, a flag), so that a submission can pass a job's options on
//! verbatim, drop the ones it sets itself and pick out its own options given after the job.

use clap::Command;

/// One option of a command line with its tokens, or a token no command knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionTokens {
    /// Which of the commands knows the option (index into the list given to [`group`]).
    pub owner: Option<usize>,
    /// The option's clap id (`out`, `yields_only`).
    pub id: Option<String>,
    /// The tokens as given: the option and, when separate, its value.
    pub tokens: Vec<String>,
}

/// The argument of `cmd` with long name (or alias) `name`.
fn find_long<'c>(cmd: &'c Command, name: &str) -> Option<&'c clap::Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name)
            || a.get_all_aliases()
                .is_some_and(|aliases| aliases.contains(&name))
    })
}

/// Cut `args` into options: a `--name` is looked up in `commands` in order (the first that
/// knows it owns it) and takes the next token as its value when it takes one and has no
/// `=VALUE`. Everything after `--`, short options and stray tokens have no owner. The
/// commands must be built (`Command::build`), so that `--help` and global options are known.
pub fn group(commands: &[&Command], args: &[String]) -> Vec<OptionTokens> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(t) = it.next() {
        if t == "--" {
            out.push(OptionTokens {
                owner: None,
                id: None,
                tokens: std::iter::once(t).chain(it.by_ref()).cloned().collect(),
            });
            break;
        }
        let known = t.strip_prefix("--").and_then(|body| {
            let (name, inline) = body
                .split_once('=')
                .map_or((body, false), |(n, _)| (n, true));
            commands
                .iter()
                .enumerate()
                .find_map(|(i, c)| find_long(c, name).map(|a| (i, a, inline)))
        });
        let Some((owner, arg, inline)) = known else {
            out.push(OptionTokens {
                owner: None,
                id: None,
                tokens: vec![t.clone()],
            });
            continue;
        };
        let mut tokens = vec![t.clone()];
        if !inline && arg.get_action().takes_values() {
            tokens.extend(it.next().cloned());
        }
        out.push(OptionTokens {
            owner: Some(owner),
            id: Some(arg.get_id().to_string()),
            tokens,
        });
    }
    out
}

/// `groups` with the value of the options `ids` (paths) made absolute: the jobs run in the
/// submission directory, not where `submit` was called.
pub fn absolute_paths(groups: &[OptionTokens], ids: &[&str]) -> std::io::Result<Vec<OptionTokens>> {
    groups
        .iter()
        .map(|g| {
            let mut g = g.clone();
            if g.id.as_deref().is_some_and(|id| ids.contains(&id)) {
                let last = g.tokens.len() - 1;
                let (prefix, value) = match g.tokens[last].split_once('=') {
                    Some((name, v)) if last == 0 => (format!("{name}="), v.to_string()),
                    _ if last == 0 => return Ok(g),
                    _ => (String::new(), g.tokens[last].clone()),
                };
                let abs = std::path::absolute(&value)?;
                g.tokens[last] = format!("{prefix}{}", abs.to_string_lossy());
            }
            Ok(g)
        })
        .collect()
}

/// The tokens of `groups`, in order.
pub fn tokens<'g>(groups: impl IntoIterator<Item = &'g OptionTokens>) -> Vec<String> {
    groups
        .into_iter()
        .flat_map(|g| g.tokens.iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction};

    fn args(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn options_with_their_values() {
        let mut job = Command::new("job")
            .arg(Arg::new("out").long("out"))
            .arg(Arg::new("quiet").long("quiet").action(ArgAction::SetTrue))
            .arg(Arg::new("mass").long("mass").allow_hyphen_values(true));
        let mut mine = Command::new("mine").arg(Arg::new("shards").long("shards"));
        job.build();
        mine.build();
        let g = group(
            &[&job, &mine],
            &args("--quiet --out x --shards=4 --mass -1 stray --shards 2 --help"),
        );
        let ids: Vec<(Option<usize>, Option<&str>, usize)> = g
            .iter()
            .map(|o| (o.owner, o.id.as_deref(), o.tokens.len()))
            .collect();
        assert_eq!(
            ids,
            [
                (Some(0), Some("quiet"), 1),
                (Some(0), Some("out"), 2),
                (Some(1), Some("shards"), 1),
                (Some(0), Some("mass"), 2),
                (None, None, 1),
                (Some(1), Some("shards"), 2),
                (Some(0), Some("help"), 1),
            ]
        );
        assert_eq!(
            tokens(&g).join(" "),
            "--quiet --out x --shards=4 --mass -1 stray --shards 2 --help"
        );
    }
}
