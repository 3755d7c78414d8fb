#!/usr/bin/env python3
"""A small X application for robot tests.

--out FILE also writes the submitted fields there (for a form opened by a robot, whose
output nobody reads); --ignore-close makes the window ignore WM_DELETE_WINDOW.

form mode (default): one entry per --fields name, the window titled --title. Prints
{"event": "focus"} once the first field has keyboard focus (a robot may start typing),
and {"event": "submit", "fields": {...}} when Return is pressed in any field, then exits.

flicker mode: toplevel windows titled "Flicker N" that live 15 ms each, one after another.

text mode: a text area filling the window at the top-left corner with numbered lines;
prints {"event": "ready"} once mapped and {"event": "copy", "selection": ...} on each copy.
"""
import argparse
import json
import sys
import tkinter as tk

OUT = ''


def say(message):
    print(json.dumps(message, ensure_ascii=False), flush=True)


def form(root, names):
    entries = {}
    for row, name in enumerate(names):
        tk.Label(root, text=name).grid(row=row, column=0, sticky='w')
        entry = tk.Entry(root, width=40)
        entry.grid(row=row, column=1)
        entries[name] = entry
    first = entries[names[0]]
    said = []

    def on_focus(_event):
        if not said:
            said.append(True)
            say({'event': 'focus'})

    def on_submit(_event):
        fields = {name: entry.get() for name, entry in entries.items()}
        say({'event': 'submit', 'fields': fields})
        if OUT:
            with open(OUT, 'w', encoding='utf-8') as out:
                json.dump(fields, out, ensure_ascii=False)
        root.after(50, root.destroy)

    first.bind('<FocusIn>', on_focus)
    for entry in entries.values():
        entry.bind('<Return>', on_submit)
    # Without a window manager nobody gives the window focus: take it once it is mapped.
    root.bind('<Map>', lambda _event: root.after(100, lambda: (root.focus_force(), first.focus_set())), add='+')


def text_area(root):
    text = tk.Text(root, font=('Courier', 12))
    text.insert('1.0', ''.join(f'line {n:02d} of the sample text for the copy test\n' for n in range(1, 41)))
    text.pack(fill='both', expand=True)

    def on_copy(_event):
        root.after(50, lambda: say({'event': 'copy', 'selection': root.clipboard_get()}))

    text.bind('<<Copy>>', on_copy, add='+')
    ready = []

    def on_map(_event):
        if not ready:
            ready.append(True)
            root.after(100, lambda: (root.focus_force(), text.focus_set(), say({'event': 'ready'})))

    root.bind('<Map>', on_map, add='+')


def flicker(root):
    """Windows that appear and vanish every few milliseconds: a robot must fail, not die."""
    root.withdraw()
    count = [0]

    def step():
        count[0] += 1
        window = tk.Toplevel(root)
        window.title(f'Flicker {count[0]}')
        tk.Label(window, text='now you see me').pack()
        root.after(15, window.destroy)
        root.after(25, step)

    say({'event': 'ready'})
    step()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--title', default='Opsdesk test form')
    parser.add_argument('--fields', default='name,email,note')
    parser.add_argument('--mode', choices=['form', 'text', 'flicker'], default='form')
    parser.add_argument('--geometry', default='')
    parser.add_argument('--out', default='', help='also write the submitted fields to this file as JSON')
    parser.add_argument('--ignore-close', action='store_true', help='ignore WM_DELETE_WINDOW, as a window with unsaved work asking nobody would')
    args = parser.parse_args()
    global OUT
    OUT = args.out
    root = tk.Tk()
    root.title(args.title)
    if args.geometry:
        root.geometry(args.geometry)
    if args.ignore_close:
        root.protocol('WM_DELETE_WINDOW', lambda: say({'event': 'close-ignored'}))
    if args.mode == 'form':
        form(root, args.fields.split(','))
    elif args.mode == 'flicker':
        flicker(root)
    else:
        text_area(root)
    root.mainloop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
