"""Staff accounts in the admin, as a managing editor (a superuser) sets up the desk's people.

Django's own user admin, with the two things a desk role needs checked when it is given: a fact-checker
or an editor logs in to the admin, so their account has "Staff status" (without it the login page only
says the password is wrong, and the person shows on the front page and in "Assign to…" all the same),
and the public pages credit them by their first and last name (without one, publishing is refused).
``create_staff`` makes such an account in one command.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

# Each desk role as the messages below name it.
ROLE_NAMES = {"Fact-checker": "a fact-checker", "Editor": "an editor"}


class StaffChangeForm(UserChangeForm):
    def clean(self):
        cleaned_data = super().clean()
        roles = [ROLE_NAMES[group.name] for group in cleaned_data.get("groups") or [] if group.name in ROLE_NAMES]
        if not roles:
            return cleaned_data
        role = " and ".join(roles)
        if not cleaned_data.get("is_staff"):
            self.add_error(
                "is_staff",
                f"Tick “Staff status”: as {role} they log in to the admin to work. (To stop someone logging in, "
                "untick “Active” instead.)",
            )
        for field in ("first_name", "last_name"):
            if not (cleaned_data.get(field) or "").strip():
                self.add_error(field, f"Give their first and last name: as {role} the public pages credit them by it.")
        return cleaned_data


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffAdmin(UserAdmin):
    form = StaffChangeForm
