//! The size bounds: results beyond `MAX_BITS` are `NumError::Memory` and are
//! refused before any long computation; the 4300-digit string limit is
//! refused before converting. No timing assertion: these must simply
//! return (a test that hangs is the failure).

use asyncpy_num::*;

fn int(v: i64) -> Int {
    Int::from(v)
}

fn pow(a: &Int, b: &Int) -> Result<Number, NumError> {
    a.pow(b, None)
}

fn pow_int(a: i64, b: i64) -> Int {
    match pow(&int(a), &int(b)).unwrap() {
        Number::Int(v) => v,
        Number::Float(_) => panic!("float"),
    }
}

#[test]
fn huge_powers_are_memory_errors() {
    assert_eq!(pow(&int(2), &int(1 << 30)), Err(NumError::Memory));
    let ten_8 = pow_int(10, 8);
    assert_eq!(pow(&int(10), &ten_8), Err(NumError::Memory));
    assert_eq!(pow(&int(2), &pow_int(10, 10)), Err(NumError::Memory));
    assert_eq!(pow(&int(3), &int(1 << 24)), Err(NumError::Memory));
    assert_eq!(pow(&pow_int(10, 1000), &int(100_000)), Err(NumError::Memory));
    let big_exp = pow_int(10, 30);
    assert_eq!(pow(&int(7), &big_exp), Err(NumError::Memory));
    // Bases whose powers do not grow are computed.
    assert_eq!(pow(&int(0), &big_exp), Ok(Number::Int(int(0))));
    assert_eq!(pow(&int(1), &big_exp), Ok(Number::Int(int(1))));
    assert_eq!(pow(&int(-1), &big_exp.add(&int(1)).unwrap()), Ok(Number::Int(int(-1))));
    // Just under the bound is fine.
    let v = pow_int(2, (MAX_BITS - 1) as i64);
    assert_eq!(v.bit_length(), MAX_BITS);
    // And one more bit is not.
    assert_eq!(v.add(&v), Err(NumError::Memory));
    assert_eq!(v.mul(&v), Err(NumError::Memory));
    assert_eq!(v.shl(&int(1)), Err(NumError::Memory));
    assert_eq!(int(1).shl(&pow_int(10, 10)), Err(NumError::Memory));
    assert_eq!(int(1).shl(&big_exp), Err(NumError::Memory));
    assert_eq!(int(0).shl(&big_exp), Ok(int(0)));
    assert_eq!(int(-5).shr(&big_exp), Ok(int(-1)));
    assert_eq!(v.shr(&big_exp), Ok(int(0)));
}

#[test]
fn huge_ints_refuse_decimal_strings_quickly() {
    let v = pow_int(2, (MAX_BITS - 1) as i64);
    let err = v.to_str_radix(10).unwrap_err();
    assert_eq!(
        err,
        NumError::Value(
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit".into()
        )
    );
    // Power-of-two bases have no limit.
    assert_eq!(v.to_str_radix(16).unwrap().len() as u64, (MAX_BITS - 1) / 4 + 1);
    // A hex literal longer than MAX_BITS is refused before building it.
    let long_hex = "f".repeat((MAX_BITS / 4 + 1) as usize);
    assert_eq!(Int::parse(&long_hex, 16), Err(NumError::Memory));
    // Widths and precisions beyond MAX_FORMAT_WIDTH are refused.
    assert_eq!(format_int(&int(1), "1000000000"), Err(NumError::Memory));
    assert_eq!(format_float(1.0, ".1000000000f"), Err(NumError::Memory));
}

#[test]
fn messages_are_cpythons() {
    let z = int(0);
    assert_eq!(int(1).floordiv(&z).unwrap_err().message(), "integer division or modulo by zero");
    assert_eq!(int(1).modulo(&z).unwrap_err().message(), "integer modulo by zero");
    assert_eq!(int(1).truediv(&z).unwrap_err().message(), "division by zero");
    assert_eq!(float_truediv(1.0, 0.0).unwrap_err().message(), "float division by zero");
    assert_eq!(float_floordiv(1.0, 0.0).unwrap_err().message(), "float floor division by zero");
    assert_eq!(float_mod(1.0, 0.0).unwrap_err().message(), "float modulo");
    assert_eq!(float_divmod(1.0, 0.0).unwrap_err().message(), "float divmod()");
    assert_eq!(
        pow(&int(0), &int(-1)).unwrap_err().message(),
        "0.0 cannot be raised to a negative power"
    );
    assert_eq!(int(1).shl(&int(-1)).unwrap_err().message(), "negative shift count");
    assert_eq!(
        Int::from_f64(f64::NAN).unwrap_err().message(),
        "cannot convert float NaN to integer"
    );
    assert_eq!(
        Int::from_f64(f64::INFINITY).unwrap_err().message(),
        "cannot convert float infinity to integer"
    );
    let big = pow_int(10, 400);
    assert_eq!(big.to_f64().unwrap_err().message(), "int too large to convert to float");
    assert_eq!(
        big.truediv(&int(3)).unwrap_err().message(),
        "integer division result too large for a float"
    );
    assert_eq!(big.truediv(&pow_int(10, 399)), Ok(10.0));
    assert_eq!(
        Int::parse("x", 10).unwrap_err().message(),
        "invalid literal for int() with base 10: 'x'"
    );
    assert_eq!(int(-1).hash(), -2);
    assert_eq!(float_pow(-8.0, 0.5).unwrap_err().message(), "complex numbers are not supported");
    assert!(!int_float_eq(&pow_int(2, 53).add(&int(1)).unwrap(), 2f64.powi(53)));
    assert_eq!(round_f64(2.675, Some(2)), Ok(Number::Float(2.67)));
    assert_eq!(round_f64(0.5, None), Ok(Number::Int(int(0))));
    assert_eq!(round_f64(1.5, None), Ok(Number::Int(int(2))));
    assert_eq!(parse_float(" 1_000.5 "), Some(1000.5));
    assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
}
