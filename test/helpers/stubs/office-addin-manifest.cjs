// Jest stub for office-addin-manifest (its dependencies are ESM-only and fail under Jest on Node 20).
// office-addin-mock only uses the OfficeApp enum.
"use strict";

const OfficeApp = {
  Excel: "excel",
  OneNote: "onenote",
  Outlook: "outlook",
  PowerPoint: "powerpoint",
  Project: "project",
  Word: "word",
};

module.exports = { OfficeApp };
