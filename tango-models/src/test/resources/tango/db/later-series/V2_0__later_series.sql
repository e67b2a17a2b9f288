-- A migration of a series numbered after the registry's 1.x (as the admin's 2.x are), for
-- tests of registry migrations added later.
CREATE TABLE later_series (id INTEGER PRIMARY KEY);
