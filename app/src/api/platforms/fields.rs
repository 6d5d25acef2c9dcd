//! The editable fields of a platform, parsed once for create and update.

use crate::web::forms::FieldErrors;
use crate::{
    domain::{parse_local_date, RequiredText},
    i18n::T,
    views::platforms::PlatformFields,
};
use store::{db::Db, repo};

/// What the form sent, as typed.
pub struct RawPlatformFields<'a> {
    pub name: &'a str,
    pub brand_name: &'a str,
    pub type_code: &'a str,
    pub convener: &'a str,
    pub address: &'a str,
    pub description: &'a str,
    pub established_on: &'a str,
    pub star_rating: &'a str,
}

impl RawPlatformFields<'_> {
    /// The values to give back to the form when something is wrong.
    pub fn keep(&self) -> [(&str, &str); 8] {
        [
            ("name", self.name),
            ("brand_name", self.brand_name),
            ("type_code", self.type_code),
            ("convener", self.convener),
            ("address", self.address),
            ("description", self.description),
            ("established_on", self.established_on),
            ("star_rating", self.star_rating),
        ]
    }
}

fn optional(
    errors: &mut FieldErrors,
    field: &str,
    input: &str,
    max: usize,
) -> Option<Option<String>> {
    errors
        .check(field, RequiredText::parse_optional(input, max), T::from)
        .map(|t| t.map(|t| t.into_inner()))
}

pub async fn parse(
    db: &Db,
    raw: &RawPlatformFields<'_>,
    errors: &mut FieldErrors,
) -> Result<Option<PlatformFields>, repo::StoreError> {
    let name = errors.check("name", RequiredText::parse_line(raw.name, 64), T::from);
    let brand_name = optional(errors, "brand_name", raw.brand_name, 64);
    let convener = optional(errors, "convener", raw.convener, 32);
    let address = optional(errors, "address", raw.address, 128);
    let description = optional(errors, "description", raw.description, 2000);
    let type_code = if repo::platforms::type_exists(db, raw.type_code).await? {
        Some(raw.type_code.to_owned())
    } else {
        errors.add("type_code", T::ChooseOne);
        None
    };
    let established_on = errors.check(
        "established_on",
        parse_local_date(raw.established_on),
        |e| match e {
            crate::domain::DateTimeError::Empty => T::Required,
            crate::domain::DateTimeError::Malformed => T::DateMalformed,
        },
    );
    let star_rating = match raw.star_rating.trim() {
        "" => Some(None),
        s => match s.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Some(Some(n)),
            _ => {
                errors.add("star_rating", T::StarRatingRange);
                None
            }
        },
    };
    Ok((|| {
        Some(PlatformFields {
            name: name?.into_inner(),
            brand_name: brand_name?,
            type_code: type_code?,
            convener: convener?,
            address: address?,
            description: description?,
            established_on: established_on?,
            star_rating: star_rating?,
        })
    })())
}
