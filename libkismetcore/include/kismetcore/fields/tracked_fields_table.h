// The /system/tracked_fields HTML page: every registered field with its id, type and description.
#pragma once

#include <string>

#include "kismetcore/fields/field_catalog.h"

namespace kismetcore::fields {

// Kismet's page: a table with the columns Name, ID, Type and Description, one row per registered field in
// registration order. Type is "<type string>/<signature>": Kismet's tracker_type number for plain values, and
// for records Kismet's Adler-32 variant of the schema name (Kismet hashes its C++ class name). Unlike Kismet,
// names and descriptions are HTML-escaped.
std::string tracked_fields_html(const FieldCatalog& catalog);

}  // namespace kismetcore::fields
