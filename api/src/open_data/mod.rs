//! The open-data feeds' formats: the data dictionary, rows, CSV, the Frictionless data package and the DCAT
//! catalog. The routes are in `routes::open_data`.

pub mod csv;
pub mod datasets;
pub mod rows;
