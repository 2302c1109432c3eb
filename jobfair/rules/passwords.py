"""Password strength policy: long enough, mixed, not common, not the user's own name or e-mail."""

from jobfair.rules.translatable import N_, Text

COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "passw0rd", "1234567890", "12345678910", "qwertyuiop",
    "katasandi", "katasandi123", "balikpapan", "balikpapan1", "indonesia", "indonesia1", "rahasia123",
    "bismillah", "bismillah1", "admin12345", "welcome123", "iloveyou12", "sayangku123",
})


def password_problem(password: str, *, min_length: int = 10, personal: tuple[str, ...] = ()) -> Text | None:
    """Return an Indonesian message (an N_() text the service translates) saying how to make the password
    acceptable, or None if it is fine."""
    if len(password) < min_length:
        return N_("Kata sandi terlalu pendek: gunakan minimal %(min_length)s karakter.", min_length=min_length)
    if len(password) > 128:
        return N_("Kata sandi terlalu panjang: gunakan paling banyak 128 karakter.")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return N_("Kata sandi harus memuat huruf dan angka.")
    if len(set(password)) < 5:
        return N_("Kata sandi terlalu mudah ditebak: gunakan lebih banyak karakter yang berbeda.")
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS:
        return N_("Kata sandi ini terlalu umum: pilih kata sandi lain yang sulit ditebak.")
    for item in personal:
        token = (item or "").lower().split("@")[0].strip()
        if len(token) >= 4 and token in lowered:
            return N_("Kata sandi tidak boleh memuat nama atau alamat e-mail Anda.")
    return None
