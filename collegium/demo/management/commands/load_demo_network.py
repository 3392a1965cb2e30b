from typing import Any

from django.core.management.base import BaseCommand

from collegium.demo.network import PASSWORD, load_demo_network


class Command(BaseCommand):
    help = "Load the demo network (real schools of three local authorities) and print sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        sign_ins = load_demo_network()
        self.stdout.write(f"\nDemo sign-ins (password for all: {PASSWORD})\n")
        for sign_in in sign_ins:
            self.stdout.write(f"  {sign_in.role:<20} {sign_in.email:<48} {sign_in.name}")
        self.stdout.write("")
