@echo off
echo Service starting >> C:\logs\service.log
ping -t localhost > nul
