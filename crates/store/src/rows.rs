//! Small helpers to read typed columns from `AnyRow`s.

use crate::StoreError;
use sqlx::any::AnyRow;
use sqlx::Row;

pub(crate) fn text(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    Ok(row.try_get::<String, _>(col)?)
}

pub(crate) fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub(crate) fn int(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    Ok(row.try_get::<i64, _>(col)?)
}

pub(crate) fn opt_int(row: &AnyRow, col: &str) -> Result<Option<i64>, StoreError> {
    Ok(row.try_get::<Option<i64>, _>(col)?)
}

pub(crate) fn opt_blob(row: &AnyRow, col: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(row.try_get::<Option<Vec<u8>>, _>(col)?)
}
