"""Post an admin change form as a browser would: every field as the page showed it, plus changes."""


def form_data(response, **changes) -> dict:
    """The POST data of the change form `response` rendered: its fields and inline formsets at their
    shown values (management forms included), updated with `changes` (field name → value)."""
    adminform = response.context["adminform"]
    form = adminform.form
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, (list, tuple)):
            value = [getattr(item, "pk", item) for item in value]
        if value is not None:
            data[form.add_prefix(name)] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, management[name].value())
        for subform in formset.forms:
            for name, field in subform.fields.items():
                value = subform.get_initial_for_field(field, name)
                if hasattr(value, "pk"):
                    value = value.pk
                if value not in (None, ""):
                    data[subform.add_prefix(name)] = str(value)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
