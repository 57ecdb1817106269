use super::*;

#[test]
fn column_letters() {
    assert_eq!(lettre(0), "A");
    assert_eq!(lettre(25), "Z");
    assert_eq!(lettre(26), "AA");
    assert_eq!(lettre(27), "AB");
}
