"""Every uploaded file, whatever model holds it: checked once when it
arrives, stored all or nothing.

- `fields`: file and image model fields whose validators look at fresh
  uploads only (a stored file was checked when it came in).
- `validators`: what an image or a document must be (content matching its
  name, decoded in full, within size and pixel limits).
- `storage`: the default storage; a failed write leaves no partial file and
  raises `NotStored`.
- `inline`: images inside rich text (`<img data-file=…>`), their addresses
  written anew when a page shows them (signed addresses expire).
- `admin`: the admin mixin that turns `NotStored` into a form error, with
  nothing saved and everything typed kept.

It may import Django and Pillow, never an app of the site.
"""
