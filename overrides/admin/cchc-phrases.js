// The phrases Decap's Vietnamese locale lacks (they would show in English), and a "+" every font has.
export const PHRASES = {
  auth: { loginWithAzure: 'Đăng nhập bằng Azure', loginWithForgejo: 'Đăng nhập bằng Forgejo' },
  collection: {
    collectionTop: { newButton: 'Tạo %{collectionLabel}', viewAs: 'Xem dạng', viewAsList: 'Xem dạng danh sách',
      viewAsGrid: 'Xem dạng lưới', groupBy: 'Nhóm theo' },
    entries: { unpublishedHeader: 'Mục chưa công bố' },
    groups: { other: 'Khác', negateLabel: 'Không %{label}' },
  },
  editor: {
    editorControl: { field: { widgetLabel: 'Trường %{widgetLabel}' } },
    editorControlPane: { i18n: { writingInLocale: 'Đang viết bằng %{locale}',
      copyFromLocale: 'Chép từ ngôn ngữ khác',
      copyFromLocaleConfirm: 'Chép nội dung từ %{locale}?\nMọi nội dung đang có sẽ bị thay.' } },
    editorInterface: { toggleI18n: 'Bật/tắt đa ngôn ngữ', togglePreview: 'Bật/tắt xem trước',
      toggleScrollSync: 'Cuộn đồng thời', toggleNotes: 'Bật/tắt ghi chú' },
    editorNotesPane: { title: 'Ghi chú', emptyState: 'Chưa có ghi chú nào.', addNote: 'Thêm ghi chú',
      addPlaceholder: 'Viết ghi chú…', editPlaceholder: 'Sửa ghi chú…', save: 'Lưu', cancel: 'Hủy', edit: 'Sửa',
      delete: 'Xóa', resolve: 'Đã xử lý', unresolve: 'Mở lại', confirmDelete: 'Xóa ghi chú này?',
      shortcut: 'Mẹo: Ctrl+Enter để thêm ghi chú' },
    editorToolbar: {
      statusInfoTooltipDraft: 'Mục đang là bản nháp. Chuyển sang “Chờ duyệt” khi sẵn sàng.',
      statusInfoTooltipInReview: 'Mục đang chờ duyệt; vẫn có thể sửa tiếp trong lúc chờ.',
    },
    editorWidgets: {
      markdown: { bold: 'Đậm', italic: 'Nghiêng', strikethrough: 'Gạch ngang', code: 'Mã', link: 'Liên kết',
        linkPrompt: 'Nhập địa chỉ liên kết', headings: 'Đề mục', quote: 'Trích dẫn', bulletedList: 'Danh sách gạch đầu dòng',
        numberedList: 'Danh sách đánh số', addComponent: 'Thêm thành phần',
        toggleMode: { rich: 'Chuyển sang soạn định dạng', markdown: 'Chuyển sang Markdown' } },
      image: { chooseMultiple: 'Chọn ảnh', chooseUrl: 'Chèn từ địa chỉ web', replaceUrl: 'Thay bằng địa chỉ web',
        promptUrl: 'Nhập địa chỉ của ảnh', addMore: 'Thêm ảnh', removeAll: 'Gỡ mọi ảnh' },
      file: { chooseUrl: 'Chèn từ địa chỉ web', chooseMultiple: 'Chọn tệp', replaceUrl: 'Thay bằng địa chỉ web',
        promptUrl: 'Nhập địa chỉ của tệp', addMore: 'Thêm tệp', removeAll: 'Gỡ mọi tệp' },
      datetime: { setToNow: 'Đặt %{fieldLabel} là bây giờ' },
      list: { add: 'Thêm %{item}', addType: 'Thêm %{item}' },
      object: { expand: 'Mở rộng', collapse: 'Thu gọn' },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: { copy: 'Sao chép', copyUrl: 'Sao chép địa chỉ', copyPath: 'Sao chép đường dẫn',
      copyName: 'Sao chép tên', copied: 'Đã sao chép' },
    mediaLibraryModal: { close: 'Đóng' },
  },
  ui: {
    settingsDropdown: { account: 'Tài khoản' },
    toast: { noteAdded: 'Đã thêm ghi chú', onFailToAddNote: 'Không thêm được ghi chú: %{details}',
      noteUpdated: 'Đã sửa ghi chú', onFailToUpdateNote: 'Không sửa được ghi chú: %{details}',
      noteDeleted: 'Đã xóa ghi chú', onFailToDeleteNote: 'Không xóa được ghi chú: %{details}',
      noteResolved: 'Ghi chú đã xử lý', noteReopened: 'Đã mở lại ghi chú',
      onFailToToggleNote: 'Không đổi được trạng thái ghi chú: %{details}' },
  },
};

export function merged(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === 'object' ? merged(base?.[key] ?? {}, value) : value;
  }
  return out;
}

// Decap leaves some icon-only controls without a name a screen reader can say.
const NAMES = [
  ['[class*="-TopBar-"] [aria-roledescription="sortable"]', 'Kéo để đổi thứ tự'],
  ['[class*="-TopBarButton-"]:first-child', 'Mở rộng hoặc thu gọn mục này'],
  ['[class*="-TopBarButton-"]:last-child', 'Xóa mục này'],
  ['[role="textbox"][aria-multiline="true"]', 'Nội dung (Markdown)'],
];

export function nameUnnamedControls(root) {
  for (const [selector, name] of NAMES) {
    for (const element of root.querySelectorAll(selector)) {
      const textbox = element.getAttribute('role') === 'textbox';  // its text is what is typed, not its name
      if (!element.getAttribute('aria-label') && (textbox || !element.textContent.trim())) element.setAttribute('aria-label', name);
    }
  }
  for (const frame of root.querySelectorAll('iframe:not([title])')) frame.title = 'Xem trước';
}
