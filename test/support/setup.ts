// The SDK's Node 20 deprecation notice would repeat in every test worker; it is not what the tests are about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Draw progress lines are for people watching npm start, not for test output.
process.env.SUPERVISION_QUIET = 'true';
