"""`reportlint serve`: a page in the browser for staff who never open a terminal."""
