"""Start: a new plans repository (`init`) and a new document in it (`new`)."""
