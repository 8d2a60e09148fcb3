//! The errors of each operation: the model's list with the supplement of errors it omits, and
//! which of them mean the item itself exists.

use super::{model, op};
use crate::model::item_exists::ITEM_EXISTS;
use crate::model::omitted_errors::OMITTED_ERRORS;

#[test]
fn the_omitted_alias_error_is_listed_for_admin_create_user() {
    let errors = &op("AdminCreateUser").errors;
    assert_eq!(
        errors
            .iter()
            .filter(|e| **e == "AliasExistsException")
            .count(),
        1
    );
    assert_eq!(errors.last().copied(), Some("AliasExistsException"));
}

#[test]
fn every_supplement_names_an_operation_and_an_error_shape_of_the_model() {
    for (operation, error) in OMITTED_ERRORS {
        assert!(model().operation(operation).is_some(), "{operation}");
        assert!(model().shape_id(error).is_some(), "{error}");
    }
}

#[test]
fn every_item_exists_name_is_an_error_some_operation_lists() {
    for name in ITEM_EXISTS {
        assert!(
            model()
                .operations()
                .iter()
                .any(|o| o.errors.iter().any(|e| e == name)),
            "{name}"
        );
    }
}

#[test]
fn only_the_item_itself_existing_counts_as_already_there() {
    let create_user = op("AdminCreateUser");
    assert!(create_user.says_item_exists("UsernameExistsException"));
    assert!(!create_user.says_item_exists("AliasExistsException"));
    assert!(!create_user.says_item_exists("GroupExistsException"));
    assert!(op("CreateGroup").says_item_exists("GroupExistsException"));
    assert!(op("CreateIdentityProvider").says_item_exists("DuplicateProviderException"));
    assert!(!op("AdminUpdateUserAttributes").says_item_exists("AliasExistsException"));
}
