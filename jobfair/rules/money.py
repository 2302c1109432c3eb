"""Money is integer Rupiah; one way to show it."""


def rupiah(amount: int) -> str:
    """3701508 -> 'Rp3.701.508'."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")
