from jobfair.rules import regions


def test_there_are_38_provinces():
    codes = regions.province_codes()
    assert len(codes) == 38
    assert "64" in codes
    assert all(len(code) == 2 and code.isdigit() for code in codes)


def test_balikpapan_is_known_and_named():
    assert "6471" in regions.regency_codes()
    assert regions.regency_name("6471") == "Kota Balikpapan"
    assert regions.regency_name("64.71") == "Kota Balikpapan"


def test_other_east_kalimantan_cities():
    codes = regions.regency_codes()
    assert {"6472", "6474"} <= codes
    assert regions.regency_name("6472") == "Kota Samarinda"
    assert regions.regency_name("6474") == "Kota Bontang"


def test_unknown_regency_has_no_name():
    assert regions.regency_name("6499") is None
    assert "6499" not in regions.regency_codes()


def test_regency_codes_are_four_digits_within_known_provinces():
    provinces = regions.province_codes()
    for code in regions.regency_codes():
        assert len(code) == 4 and code.isdigit(), code
        assert code[:2] in provinces, code


def test_province_name():
    assert regions.province_name("64") == "Kalimantan Timur"
    assert regions.province_name("99") is None


def test_loaders_are_cached():
    assert regions.regency_codes() is regions.regency_codes()
    assert regions.province_codes() is regions.province_codes()
