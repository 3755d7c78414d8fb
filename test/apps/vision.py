#!/usr/bin/env python3
"""A Tk application for robots that see: buttons at random places, order numbers to read.

It starts showing one sample of everything a robot looks for at a known place and prints
{"event": "ready", "samples": {NAME: {x, y, width, height}}} in screen coordinates, so a test
can cut its template images from a screenshot. Then it reads one JSON plan from stdin:

  {"clicks": N, "late_ms": MS, "codes": [...], "lights": ["ok", "warn", ...]}

and plays it, phase after phase, printing an event for each thing the robot does:

- clicks: a "Send" button at a random place; clicking it shows "Next" at another random
  place, and so on (the two alternate, so a robot waiting for the other one never clicks a
  button that was already clicked). {"event": "clicked", "text", "x", "y"} each.
- late_ms: after the last click a "Late" button appears after this many milliseconds.
  {"event": "late-shown"}, then {"event": "late-clicked"}.
- codes: each code in a label beside "Order no:" (or "Order ref:", alternating, for the same
  reason), in the default font at 14 pixels, with an entry that has the keyboard; Return
  sends {"event": "answer", "expected", "got"} and shows the next one.
- lights: an "OK" or a "Warning" button in turn; {"event": "light", "shown", "clicked"}.

Then {"event": "done"}.

With --status it shows instead a red light and "Waiting", and after --after milliseconds a
green light and "Ready 42" ({"event": "status", "light": {x, y}} says where the light is).
"""
import json
import queue
import random
import sys
import threading
import tkinter as tk
import tkinter.font as tkfont


def say(message):
    print(json.dumps(message), flush=True)


class Vision:
    def __init__(self, root):
        self.root = root
        self.area = tk.Frame(root, width=860, height=520)
        self.area.pack(fill='both', expand=True)
        self.area.pack_propagate(False)
        tkfont.nametofont('TkDefaultFont').configure(size=-14)
        self.buttons = {
            text: tk.Button(self.area, text=text, width=8, command=lambda t=text: self.on_button(t))
            for text in ('Send', 'Next', 'Late', 'OK', 'Warning')
        }
        self.anchors = [tk.Label(self.area, text=text) for text in ('Order no:', 'Order ref:')]
        self.code = tk.Label(self.area, text='', font='TkDefaultFont')
        self.entry = tk.Entry(self.area, width=14)
        self.entry.bind('<Return>', self.on_answer)
        self.plan = None
        self.plans = queue.Queue()
        self.phase = 'samples'

    def show_samples(self):
        for index, widget in enumerate([*self.buttons.values(), *self.anchors]):
            widget.place(x=10 + 130 * (index % 5), y=10 + 60 * (index // 5))
        self.root.after(300, self.say_ready)

    def say_ready(self):
        self.root.update_idletasks()
        samples = {}
        for name, widget in [*self.buttons.items(), ('Order no', self.anchors[0]), ('Order ref', self.anchors[1])]:
            samples[name] = {'x': widget.winfo_rootx(), 'y': widget.winfo_rooty(), 'width': widget.winfo_width(), 'height': widget.winfo_height()}
        say({'event': 'ready', 'samples': samples})
        threading.Thread(target=self.read_plan, daemon=True).start()
        self.poll_plan()

    def read_plan(self):
        # Tk is not thread-safe: the reader only hands the line over; the Tk loop polls for it.
        line = sys.stdin.readline()
        self.plans.put(line)

    def poll_plan(self):
        try:
            line = self.plans.get_nowait()
        except queue.Empty:
            self.root.after(20, self.poll_plan)
            return
        if not line.strip():
            self.root.destroy()  # stdin closed: the test is over
            return
        self.start(json.loads(line))

    def hide_all(self):
        for widget in self.area.place_slaves():
            widget.place_forget()

    def place_randomly(self, widget):
        """Somewhere in the area, never under the pointer (a hovered Tk button changes colour)."""
        self.root.update_idletasks()
        width, height = widget.winfo_reqwidth(), widget.winfo_reqheight()
        pointer_x = self.root.winfo_pointerx() - self.area.winfo_rootx()
        pointer_y = self.root.winfo_pointery() - self.area.winfo_rooty()
        while True:
            x = random.randint(0, 860 - width)
            y = random.randint(0, 520 - height)
            if not (x - 10 <= pointer_x <= x + width + 10 and y - 10 <= pointer_y <= y + height + 10):
                widget.place(x=x, y=y)
                return

    def start(self, plan):
        self.plan = plan
        self.hide_all()
        self.clicks_left = plan.get('clicks', 0)
        self.codes = list(plan.get('codes', []))
        self.lights = list(plan.get('lights', []))
        self.next_click('Send')

    def next_click(self, text):
        self.hide_all()
        if self.clicks_left <= 0:
            self.phase = 'late'
            self.root.after(self.plan.get('late_ms', 0), self.show_late)
            return
        self.phase = 'clicks'
        self.place_randomly(self.buttons[text])

    def show_late(self):
        self.place_randomly(self.buttons['Late'])
        say({'event': 'late-shown'})

    def on_button(self, text):
        widget = self.buttons[text]
        if self.phase == 'clicks' and text in ('Send', 'Next'):
            say({'event': 'clicked', 'text': text, 'x': widget.winfo_rootx(), 'y': widget.winfo_rooty()})
            self.clicks_left -= 1
            self.next_click('Next' if text == 'Send' else 'Send')
        elif self.phase == 'late' and text == 'Late':
            say({'event': 'late-clicked'})
            self.next_code()
        elif self.phase == 'lights' and text in ('OK', 'Warning'):
            say({'event': 'light', 'shown': self.lights[0], 'clicked': text})
            self.lights.pop(0)
            self.next_light()

    def next_code(self):
        self.hide_all()
        if not self.codes:
            self.phase = 'lights'
            self.next_light()
            return
        self.phase = 'codes'
        anchor = self.anchors[len(self.codes) % 2]
        self.root.update_idletasks()
        x = random.randint(0, 860 - 320)
        y = random.randint(0, 520 - 40)
        # The code and the entry are drawn before the anchor a robot waits for appears: a robot
        # that sees the anchor always sees the code beside it.
        self.code.configure(text=self.codes[0])
        self.code.place(x=x + 90, y=y)
        self.entry.delete(0, 'end')
        self.entry.place(x=x, y=y + 30)
        self.entry.focus_force()
        self.root.update_idletasks()
        self.root.after(1, lambda: anchor.place(x=x, y=y))

    def on_answer(self, _event):
        if self.phase != 'codes':
            return
        say({'event': 'answer', 'expected': self.codes.pop(0), 'got': self.entry.get()})
        self.next_code()

    def next_light(self):
        self.hide_all()
        if not self.lights:
            say({'event': 'done'})
            return
        self.place_randomly(self.buttons['OK' if self.lights[0] == 'ok' else 'Warning'])


def status(root, after):
    tkfont.nametofont('TkDefaultFont').configure(size=-14)
    light = tk.Frame(root, width=20, height=20, bg='#c00000')
    light.pack(padx=20, pady=10)
    text = tk.Label(root, text='Waiting', width=20)
    text.pack(padx=20, pady=10)

    def ready():
        light.configure(bg='#00c000')
        text.configure(text='Ready 42')

    def shown():
        root.update_idletasks()
        say({'event': 'status', 'light': {'x': light.winfo_rootx() + 10, 'y': light.winfo_rooty() + 10}})
        root.after(after, ready)

    root.after(200, shown)


def main():
    title = sys.argv[sys.argv.index('--title') + 1] if '--title' in sys.argv else 'Opsdesk vision'
    root = tk.Tk()
    root.title(title)
    root.geometry('+0+0')
    if '--status' in sys.argv:
        status(root, int(sys.argv[sys.argv.index('--after') + 1]) if '--after' in sys.argv else 800)
    else:
        Vision(root).show_samples()
    root.mainloop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
