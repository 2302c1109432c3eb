"""The flask commands, run as an operator would."""

from sqlalchemy import func, select

from jobfair.demo.seed import demo_email
from jobfair.extensions import db
from jobfair.models import AuditEvent, Kecamatan, Kelurahan, User
from tests.conftest import login


def test_init_db_loads_balikpapan_reference_data(app, runner):
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Kecamatan.code))) == 6
        assert db.session.scalar(select(func.count(Kelurahan.code))) == 34
        assert db.session.get(Kelurahan, "6471051010").name == "Sungai Nangka"


def test_create_user_then_the_officer_logs_in(app, runner, client):
    result = runner.invoke(args=["create-user", "--role", "officer", "--email", "petugas@balikpapan.go.id",
                                 "--name", "Petugas Disnaker"], input="Disnaker-Bpn-2025\nDisnaker-Bpn-2025\n")
    assert result.exit_code == 0, result.output
    response = login(client, "petugas@balikpapan.go.id", "Disnaker-Bpn-2025")
    assert response.status_code == 302
    assert client.get("/disnaker/").status_code == 200


def test_create_user_rejects_a_weak_password(app, runner):
    result = runner.invoke(args=["create-user", "--role", "admin", "--email", "a@balikpapan.go.id",
                                 "--name", "Admin"], input="lemah\nlemah\n")
    assert result.exit_code == 1
    assert "password" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_seed_demo_creates_one_account_per_role_and_prints_passwords_once(app, runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    # the passwords come last, after every progress line: a header and one aligned row per role
    output = result.output.splitlines()
    header, rows = output[-7], output[-6:]
    assert output[-8].startswith("Demo accounts (write the passwords down")
    assert header.split() == ["role", "e-mail", "password"]
    lines = [row.split() for row in rows]
    assert sorted(line[0] for line in lines) == sorted(["seeker", "student", "school", "company", "officer", "admin"])
    assert all(line[1] == demo_email(line[0]) for line in lines)
    assert len({row.index(line[1]) for row, line in zip(rows, lines, strict=True)} | {header.index("e-mail")}) == 1
    assert len({row.rindex(line[2]) for row, line in zip(rows, lines, strict=True)} | {header.index("password")}) == 1
    with app.app_context():
        emails = [demo_email(role) for role in ("seeker", "student", "school", "company", "officer", "admin")]
        demo_users = db.session.scalars(select(User).where(User.email.in_(emails))).all()
        assert sorted(u.role for u in demo_users) == sorted(["seeker", "student", "school", "company", "officer",
                                                             "admin"])
        assert all(u.active for u in demo_users)
        demo_company = next(u.company for u in demo_users if u.role == "company")
        assert demo_company.status == "verified"
        assert db.session.scalar(select(func.count(AuditEvent.id))) >= 6
    email, password = lines[0][1], lines[0][2]
    assert login(client, email, password).status_code == 302
    again = runner.invoke(args=["seed-demo"])
    assert "password" not in again.output and again.output.splitlines()[-1] == "Demo accounts already exist; " \
        "nothing added."
    empty_only = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "not added" in empty_only.output
