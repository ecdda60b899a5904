//! The one TOML merge of aprime: a user's table laid over embedded defaults.

use serde::Serialize;
use serde::de::DeserializeOwned;
use toml::Table;

/// Deep merge: tables are merged key by key; arrays and values replace.
pub fn merge(base: &mut Table, over: &Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Lay `over` on the serialised `base` and parse the result back (unknown fields rejected by
/// `T`'s own serde attributes).
pub fn overlay<T: Serialize + DeserializeOwned>(
    base: &T,
    over: &Table,
) -> Result<T, toml::de::Error> {
    let mut t = Table::try_from(base)
        .map_err(|e| <toml::de::Error as serde::de::Error>::custom(e.to_string()))?;
    merge(&mut t, over);
    t.try_into::<T>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_merge_key_by_key_and_lists_replace() {
        let mut base: Table = toml::from_str("a = 1\nl = [1, 2]\n[t]\nx = 1\ny = 2\n").unwrap();
        let over: Table = toml::from_str("l = [3]\n[t]\ny = 5\n").unwrap();
        merge(&mut base, &over);
        assert_eq!(base["a"].as_integer(), Some(1));
        assert_eq!(base["l"].as_array().unwrap().len(), 1);
        assert_eq!(base["t"]["x"].as_integer(), Some(1));
        assert_eq!(base["t"]["y"].as_integer(), Some(5));
    }
}
