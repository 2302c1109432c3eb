"""The labour office's desk (/disnaker): one route module per desk (ak1_desk, companies_desk, ...)."""
