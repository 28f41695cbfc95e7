// The rich-text editor (Tiptap, inside django-prose-editor) adds one <style>
// element with its base CSS to the page. Under the site's CSP an inline
// style needs the page's nonce, and Tiptap takes one as `injectNonce`, but
// django-prose-editor creates the editor without options. This extension
// sets the option before the editor adds its style.
//
// Django's admin renders every form script with the nonce; browsers hide the
// attribute from the DOM but keep the `nonce` property.
import { Extension } from "django-prose-editor/editor"

const nonce = document.querySelector("script[nonce]")?.nonce

export const CspNonce = Extension.create({
  name: "cspNonce",

  onBeforeCreate() {
    this.editor.options.injectNonce = nonce
  },
})
