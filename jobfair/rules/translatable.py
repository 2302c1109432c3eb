"""Sentences the rules write for people, without Flask: Indonesian text that carries its gettext key.

`N_("Kata sandi terlalu pendek: minimal %(min_length)s karakter.", min_length=10)` reads as the Indonesian
sentence (a str: tests and logs need no app) and keeps the msgid and its parameters, which the service or web layer
translates into the reader's language with jobfair.messages.translated. pybabel extracts N_() by its default
keywords, so the msgids stay in the catalogue.
"""


class Text(str):
    """Indonesian text (the str) plus ``template`` (the msgid) and ``params``; a parameter may be a Text itself."""

    template: str
    params: dict

    def __new__(cls, template: str, **params) -> "Text":
        # As gettext does: a template without parameters is not %-formatted.
        text = super().__new__(cls, template % params if params else template)
        text.template = template
        text.params = params
        return text


def N_(template: str, **params) -> Text:
    """Marks a message for extraction without translating it: rules/ has no Flask."""
    return Text(template, **params)
