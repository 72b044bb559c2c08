// One-line and multi-line text fields that never lose a keystroke.
//
// Decap's own string and text controls are controlled inputs: each keystroke goes to its store and the
// field is drawn again from there. On a busy machine that redraw can come after the next keystroke and
// put back the text before it (Chromium typing "Sở Tư pháp" at 60 ms a key under load left "Sở T pháp"
// about one time in twelve); a Vietnamese input method that rewrites a vowel as the tone is typed
// meets the same race. These fields keep what the editor typed in the field itself, report every
// change, and take a value from outside (an entry opened, a backup restored) only while not focused.

function keptField(tag, extra = {}) {
  return window.createClass({
    shown(value) { return value === undefined || value === null ? '' : String(value); },
    fit() {
      if (tag !== 'textarea' || !this.element) return;
      this.element.style.height = 'auto';
      this.element.style.height = `${this.element.scrollHeight + 2}px`;
    },
    componentDidMount() { this.fit(); },
    componentDidUpdate() {
      const value = this.shown(this.props.value);
      if (this.element && document.activeElement !== this.element && this.element.value !== value) {
        this.element.value = value;
        this.fit();
      }
    },
    render() {
      const { forID, value, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
      return window.h(tag, {
        ...extra, id: forID, className: classNameWrapper, defaultValue: this.shown(value),
        ref: (element) => { this.element = element; },
        onChange: (event) => { this.fit(); onChange(event.target.value); },
        onFocus: setActiveStyle, onBlur: setInactiveStyle,
      });
    },
  });
}

export function registerKeptFields(CMS) {
  CMS.registerWidget('string', keptField('input', { type: 'text' }), CMS.getWidget('string').preview);
  CMS.registerWidget('text', keptField('textarea', { rows: 5, style: { resize: 'vertical', fontFamily: 'inherit' } }),
    CMS.getWidget('text').preview);
}
