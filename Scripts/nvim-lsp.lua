-- Drives Neovim's built-in LSP client against `lumen lsp` (Scripts/nvim-lsp.sh):
-- opens a draft, waits for the diagnostics, asks for a hover and for the code
-- actions of the first finding, and prints what the client received.
local lumen, draft = os.getenv("LUMEN"), os.getenv("DRAFT")
local line, character = tonumber(os.getenv("HOVER_LINE")), tonumber(os.getenv("HOVER_CHARACTER"))
local function say(text) io.stdout:write(text .. "\n") end
local function fail(text) say("FAIL: " .. text); vim.cmd("cquit 1") end

vim.cmd("edit " .. draft)
local buffer = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "lumen", cmd = { lumen, "lsp" }, root_dir = vim.fn.fnamemodify(draft, ":h") })
if not id then return fail("the client did not start") end
vim.lsp.buf_attach_client(buffer, id)
if not vim.wait(20000, function() return #vim.diagnostic.get(buffer) > 0 end, 50) then
  return fail("no diagnostics arrived")
end
local diagnostics = vim.diagnostic.get(buffer)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and tostring(a.code) < tostring(b.code)) end)
for _, d in ipairs(diagnostics) do
  say(string.format("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, tostring(d.code), (d.message:gsub("\n.*", ""))))
end

local client = vim.lsp.get_client_by_id(id)
local uri = vim.uri_from_bufnr(buffer)
local hover = client.request_sync("textDocument/hover",
  { textDocument = { uri = uri }, position = { line = line, character = character } }, 10000, buffer)
if not hover or not hover.result then return fail("no hover") end
say("hover: " .. (hover.result.contents.value:gsub("```text\n", ""):gsub("\n.*", "")))

-- The code actions of a finding the server published (its own diagnostic, sent back):
-- the first with suggested targets, else the first.
local first
for _, d in ipairs(diagnostics) do
  local data = d.user_data and d.user_data.lsp and d.user_data.lsp.data
  if data and data.rule and (data.suggestions or not first) then
    first = d
    if data.suggestions then break end
  end
end
if not first then return fail("no finding among the diagnostics") end
local lsp = vim.tbl_extend("force", first.user_data.lsp, {
  range = { start = { line = first.lnum, character = first.col }, ["end"] = { line = first.end_lnum, character = first.end_col } },
  message = first.message, code = first.code,
})
local actions = client.request_sync("textDocument/codeAction", {
  textDocument = { uri = uri }, range = lsp.range, context = { diagnostics = { lsp } },
}, 10000, buffer)
if not actions or not actions.result or #actions.result == 0 then return fail("no code action") end
for _, action in ipairs(actions.result) do say("code action: " .. action.title) end
client.stop()
vim.cmd("qall!")
