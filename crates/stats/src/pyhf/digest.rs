//! The digest pyhf checks a patchset against: `pyhf.utils.digest(workspace)` is the SHA-256 of
//! `json.dumps(workspace, sort_keys=True, ensure_ascii=False)` encoded as UTF-8 (pyhf 0.7,
//! `pyhf/utils.py`). That text uses Python's default separators (", " and ": "), object keys in
//! code-point order, and Python's `repr` of floats (shortest round-trip digits, exponent form
//! below 1e-4 and from 1e16 on, "1e-05", "1e+16"), which differ from serde_json's number text;
//! so the text is rebuilt here rather than taken from serde_json.

use std::fmt::Write;

use serde_json::{Number, Value};

use super::sha256::sha256_hex;

/// SHA-256 (hex) of a JSON document as pyhf computes it (`pyhf.utils.digest`, `pyhf digest`).
pub fn pyhf_digest(doc: &Value) -> String {
    let mut text = String::new();
    write_value(&mut text, doc);
    sha256_hex(text.as_bytes())
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // sort_keys=True: Python orders str keys by code point, as Rust orders UTF-8 bytes.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (k, (key, item)) in entries.into_iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_string(out, key);
                out.push_str(": ");
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, n: &Number) {
    if n.is_f64() {
        out.push_str(&python_float_repr(n.as_f64().unwrap_or(f64::NAN)));
    } else {
        // Integers print the same in both languages.
        let _ = write!(out, "{n}");
    }
}

/// Python's `repr(float)`: the shortest digit string that round-trips (Rust's `{:e}` gives the
/// same digits), in positional form when the decimal exponent e satisfies −4 ≤ e < 16 (with
/// ".0" on integral values), else as d.ddde±XX with at least two exponent digits.
pub(crate) fn python_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let mut s = String::from(sign);
    if (-4..16).contains(&exp) {
        // Digits d1 d2 … with the decimal point after position exp + 1.
        let point = exp + 1;
        let n = digits.len() as i32;
        if point <= 0 {
            s.push_str("0.");
            s.extend(std::iter::repeat_n('0', (-point) as usize));
            s.push_str(&digits);
        } else if point >= n {
            s.push_str(&digits);
            s.extend(std::iter::repeat_n('0', (point - n) as usize));
            s.push_str(".0");
        } else {
            s.push_str(&digits[..point as usize]);
            s.push('.');
            s.push_str(&digits[point as usize..]);
        }
    } else {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let _ = write!(
            s,
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        );
    }
    s
}

/// A JSON string as Python's json module writes it with `ensure_ascii=False`: `"` and `\`
/// escaped, control characters as \b \f \n \r \t or \u00XX (lower-case hex), the rest verbatim.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_text_is_python_repr() {
        // Reference strings: CPython 3.11 `repr(x)` of the same doubles.
        let cases = [
            (0.043, "0.043"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (1e-4, "0.0001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.3953488372093024, "1.3953488372093024"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.5e-7, "2.5e-07"),
            (100.0, "100.0"),
            (1.0 / 3.0, "0.3333333333333333"),
            (-45.5, "-45.5"),
        ];
        for (x, want) in cases {
            assert_eq!(python_float_repr(x), want, "{x:e}");
        }
    }

    #[test]
    fn document_text_is_python_json_dumps() {
        // Reference: CPython `json.dumps(obj, sort_keys=True, ensure_ascii=False)` of
        // {'b': [1, 2.0, None, True], 'a': {'y': 'q"\\\n\x01é', 'x': []}, 'c': {}}.
        let doc = json!({"b": [1, 2.0, null, true], "a": {"y": "q\"\\\n\u{1}é", "x": []}, "c": {}});
        let mut text = String::new();
        write_value(&mut text, &doc);
        assert_eq!(
            text,
            r#"{"a": {"x": [], "y": "q\"\\\n\u0001é"}, "b": [1, 2.0, null, true], "c": {}}"#
        );
    }

    #[test]
    fn digest_of_the_pyhf_docstring_example() {
        // pyhf 0.7 `pyhf.utils.digest` docstring: {'a': 2.0, 'b': 3.0, 'c': 1.0} →
        // a38f6093800189b79bc22ef677baf90c75705af2cfc7ff594159eca54eaa7928.
        assert_eq!(
            pyhf_digest(&json!({"a": 2.0, "b": 3.0, "c": 1.0})),
            "a38f6093800189b79bc22ef677baf90c75705af2cfc7ff594159eca54eaa7928"
        );
    }
}
