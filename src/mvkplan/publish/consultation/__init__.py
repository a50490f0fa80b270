"""The consultation summary (remissammanställning) as a page: standalone (``mvkplan render``) or in the site."""
