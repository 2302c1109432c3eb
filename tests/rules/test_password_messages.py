"""The password policy's messages are lazy gettext strings that read as Indonesian without an app."""

from jobfair.rules.passwords import password_problem


def test_messages_read_as_indonesian_outside_an_app():
    assert str(password_problem("abc1")) == "Kata sandi terlalu pendek: gunakan minimal 10 karakter."
    assert str(password_problem("abcdefghijk", min_length=10)) == "Kata sandi harus memuat huruf dan angka."
    assert str(password_problem("balikpapan1")) == ("Kata sandi ini terlalu umum: pilih kata sandi lain yang sulit "
                                                    "ditebak.")
    assert password_problem("Ruang-Kerja-2026") is None
